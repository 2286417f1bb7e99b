import ArgumentParser
import Registry

extension IPCommand {
    struct List: RecordListCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: words("Danh sách đơn và trạng thái; với --as-of: các đơn đã nộp đến ngày đó, với trạng thái khi đó.", "Applications with their status; with --as-of, those filed by then, with their status then."))

        @Option(help: .vi("invention (sáng chế) hoặc utility-solution (giải pháp hữu ích).", en: "invention or utility-solution.")) var kind: IPKind?
        @Option(help: .vi("filed (đã nộp), published (đã công bố), under_examination (đang thẩm định), granted (đã cấp bằng), refused (bị từ chối), withdrawn (đã rút), lapsed (mất hiệu lực), expired (hết hạn) hoặc invalidated (bị hủy bỏ).", en: "filed, published, under_examination, granted, refused, withdrawn, lapsed, expired or invalidated.")) var status: IPStatus?
        @Option(help: .vi("Trạng thái tại ngày này, dạng YYYY-MM-DD.", en: "Status on this day, YYYY-MM-DD.")) var asOf: DateArgument?
        @OptionGroup var global: GlobalOptions

        static let kind = RecordKind.ip
        static let empty = ("Không có đơn nào.", "No application.")

        func lister() throws(RegistryError) -> RecordLister {
            return { session, day, named, body throws(RegistryError) in try IPRegister(session).each(kind: kind, status: status, asOf: day, named: named, body) }
        }
    }
}
