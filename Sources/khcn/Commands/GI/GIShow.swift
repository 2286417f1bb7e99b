import ArgumentParser
import Registry

extension GICommand {
    struct Show: RegistryCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: words("Một văn bằng chỉ dẫn địa lý, với các tổ chức quản lý và doanh nghiệp được phép sử dụng.", "A GI certificate with its managing organisations and authorised users."))

        @Argument(help: .certificateNumber) var number: String
        @Option(help: .vi("Ai quản lý và ai được phép sử dụng vào ngày này, dạng YYYY-MM-DD.", en: "Who managed it and who was authorised on this day, YYYY-MM-DD.")) var asOf: DateArgument?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let (out, session, day) = try openForReading(asOf: asOf)
            out.show(try GIRegister(session).findWithHistory(number, asOf: day))
        }
    }
}
