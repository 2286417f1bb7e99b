import ArgumentParser
import Registry

extension FundCommand {
    struct Close: WritingCommand {
        static let configuration = CommandConfiguration(commandName: "close", abstract: words("Ghi việc giải thể quỹ đang hoạt động của doanh nghiệp.", "Close the enterprise's open fund."))

        @OptionGroup var enterprise: EnterpriseKey
        @Option(help: .vi("Ngày giải thể, dạng YYYY-MM-DD.", en: "Closure date, YYYY-MM-DD.")) var on: DateArgument
        @OptionGroup var write: WriteOptions

        func run() throws {
            let taxCode = try enterprise.code
            let (out, session, context, date) = try openForWriting(on: on)
            let record = try FundRegister(session).close(taxCode: taxCode, on: date, context: context)
            out.written(record, done: out.text("Đã ghi giải thể quỹ của \(taxCode) từ \(out.date(date)).", "Closed the fund of \(taxCode) from \(out.date(date))."))
        }
    }
}
