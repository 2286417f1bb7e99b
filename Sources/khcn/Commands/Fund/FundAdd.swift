import ArgumentParser
import Registry

extension FundCommand {
    struct Add: WritingCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: words("Ghi quỹ mà doanh nghiệp đã thành lập.", "Register a fund an enterprise has set up."))

        @OptionGroup var enterprise: EnterpriseKey
        @Option(help: .vi("Ngày thành lập quỹ, dạng YYYY-MM-DD.", en: "Date the fund was set up, YYYY-MM-DD.")) var established: DateArgument
        @Option(help: .vi("Quyết định thành lập quỹ của doanh nghiệp.", en: "The enterprise's decision setting it up.")) var decision: String?
        @Option(parsing: .unconditional, help: .vi("Vốn điều lệ, tính bằng đồng (1000000 hoặc 1.000.000).", en: "Charter capital in đồng (1000000 or 1.000.000).")) var capital: MoneyArgument?
        @Option(help: .vi("Ngày thông báo cho Sở, dạng YYYY-MM-DD.", en: "Date the Department was notified, YYYY-MM-DD.")) var notified: DateArgument?
        @OptionGroup var write: WriteOptions

        func run() throws {
            let taxCode = try enterprise.code
            let established = try established.date(field: "established_on")
            let notified = try notified?.date(field: "notified_on")
            let capital = try capital?.money(field: "capital")
            let (out, session, context) = try openForWriting()
            let (record, warnings) = try FundRegister(session).add(
                taxCode: taxCode, established: established, decision: decision, capital: capital, notified: notified, context: context)
            out.written(record, warnings: warnings, done: out.text("Đã ghi quỹ KH&CN của \(taxCode).", "Registered the S&T fund of \(taxCode)."))
        }
    }
}
