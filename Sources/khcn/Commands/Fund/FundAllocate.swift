import ArgumentParser
import Registry

extension FundCommand {
    struct Allocate: WritingCommand {
        static let configuration = CommandConfiguration(commandName: "allocate", abstract: words("Ghi số trích lập (và sử dụng) quỹ của một năm tài chính.", "Record a fiscal year's allocation (and use) of the enterprise's fund."))

        @OptionGroup var enterprise: EnterpriseKey
        @Option(help: .vi("Năm tài chính.", en: "Fiscal year.")) var year: Int
        @Option(parsing: .unconditional, help: .vi("Số trích lập trong năm, tính bằng đồng.", en: "Amount allocated that year, in đồng.")) var amount: MoneyArgument
        @Option(parsing: .unconditional, help: .vi("Số đã sử dụng trong năm, tính bằng đồng.", en: "Amount spent that year, in đồng.")) var spent: MoneyArgument?
        @Option(help: .vi("Ngày nhận báo cáo năm, dạng YYYY-MM-DD.", en: "Date the yearly report was received, YYYY-MM-DD.")) var reportReceived: DateArgument?
        @OptionGroup var write: WriteOptions

        func run() throws {
            let taxCode = try enterprise.code
            let amount = try amount.money(field: "allocated")
            let spent = try spent?.money(field: "spent")
            let received = try reportReceived?.date(field: "report_received_on")
            let (out, session, context) = try openForWriting()
            let record = try FundRegister(session).allocate(
                taxCode: taxCode, year: year, allocated: amount, spent: spent, reportReceived: received, context: context)
            out.written(record, done: out.text("Đã ghi trích lập năm \(year) của \(taxCode).", "Recorded the \(year) allocation of \(taxCode)."))
        }
    }
}
