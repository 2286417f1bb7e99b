import ArgumentParser
import Registry

extension GICommand {
    struct List: RecordListCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: words("Danh sách văn bằng chỉ dẫn địa lý; với --as-of: các văn bằng còn hiệu lực ngày đó.", "GI certificates; with --as-of, those in force on that day."))

        @Option(help: .vi("Còn hiệu lực tại ngày này, dạng YYYY-MM-DD.", en: "In force on this day, YYYY-MM-DD.")) var asOf: DateArgument?
        @OptionGroup var global: GlobalOptions

        static let kind = RecordKind.gi
        static let empty = ("Không có chỉ dẫn địa lý nào.", "No geographical indication.")

        func lister() throws(RegistryError) -> RecordLister {
            return { session, day, _, body throws(RegistryError) in try GIRegister(session).each(asOf: day, body) }
        }
    }
}
