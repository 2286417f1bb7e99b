import ArgumentParser
import Registry

extension FundCommand {
    struct List: RecordListCommand {
        static let configuration = CommandConfiguration(abstract: words("Danh sách quỹ; với --as-of: các quỹ đang hoạt động ngày đó.", "Funds; with --as-of, those open on that day."))

        @Option(help: .vi("Chỉ các quỹ của doanh nghiệp này (mã số thuế).", en: "Only this enterprise's funds.")) var taxCode: String?
        @Option(help: .vi("Đang hoạt động tại ngày này, dạng YYYY-MM-DD.", en: "Open on this day, YYYY-MM-DD.")) var asOf: DateArgument?
        @OptionGroup var global: GlobalOptions

        static let kind = RecordKind.fund
        static let empty = ("Không có quỹ nào.", "No fund.")

        func lister() throws(RegistryError) -> RecordLister {
            let taxCode = try TaxCode.argument(ifGiven: taxCode)
            return { session, day, body throws(RegistryError) in try FundRegister(session).each(taxCode: taxCode, asOf: day, body) }
        }
    }
}
