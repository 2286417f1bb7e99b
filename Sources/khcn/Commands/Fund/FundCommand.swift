import ArgumentParser
import Registry

struct FundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fund", abstract: words("Quỹ phát triển KH&CN của doanh nghiệp.", "Enterprise S&T development funds (quỹ phát triển KH&CN của doanh nghiệp)."),
        subcommands: [Add.self, Allocate.self, Close.self, List.self, Show.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: words("Ghi quỹ mà doanh nghiệp đã thành lập.", "Register a fund an enterprise has set up."))

        @Option(help: .vi("Mã số thuế của doanh nghiệp.", en: "Tax code of the enterprise.")) var taxCode: String
        @Option(help: .vi("Ngày thành lập quỹ, dạng YYYY-MM-DD.", en: "Date the fund was set up, YYYY-MM-DD.")) var established: DateArgument
        @Option(help: .vi("Quyết định thành lập quỹ của doanh nghiệp.", en: "The enterprise's decision setting it up.")) var decision: String?
        @Option(parsing: .unconditional, help: .vi("Vốn điều lệ, tính bằng đồng (1000000 hoặc 1.000.000).", en: "Charter capital in đồng (1000000 or 1.000.000).")) var capital: MoneyArgument?
        @Option(help: .vi("Ngày thông báo cho Sở, dạng YYYY-MM-DD.", en: "Date the Department was notified, YYYY-MM-DD.")) var notified: DateArgument?
        @OptionGroup var write: WriteOptions
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let out = global.printer
            let taxCode = try TaxCode.argument(taxCode)
            let established = try established.date(field: "established_on")
            let notified = try notified?.date(field: "notified_on")
            let capital = try capital?.money(field: "capital")
            let context = try write.context()
            let session = try global.openRegistry()
            let (record, warnings) = try FundRegister(session).add(
                taxCode: taxCode, established: established, decision: decision, capital: capital, notified: notified, context: context)
            out.written(record, warnings: warnings, done: out.text("Đã ghi quỹ KH&CN của \(taxCode).", "Registered the S&T fund of \(taxCode)."))
        }
    }

    struct Allocate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: words("Ghi số trích lập (và sử dụng) quỹ của một năm tài chính.", "Record a fiscal year's allocation (and use) of the enterprise's fund."))

        @Option(help: .vi("Mã số thuế của doanh nghiệp.", en: "Tax code of the enterprise.")) var taxCode: String
        @Option(help: .vi("Năm tài chính.", en: "Fiscal year.")) var year: Int
        @Option(parsing: .unconditional, help: .vi("Số trích lập trong năm, tính bằng đồng.", en: "Amount allocated that year, in đồng.")) var amount: MoneyArgument
        @Option(parsing: .unconditional, help: .vi("Số đã sử dụng trong năm, tính bằng đồng.", en: "Amount spent that year, in đồng.")) var spent: MoneyArgument?
        @Option(help: .vi("Ngày nhận báo cáo năm, dạng YYYY-MM-DD.", en: "Date the yearly report was received, YYYY-MM-DD.")) var reportReceived: DateArgument?
        @OptionGroup var write: WriteOptions
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let out = global.printer
            let taxCode = try TaxCode.argument(taxCode)
            let amount = try amount.money(field: "allocated")
            let spent = try spent?.money(field: "spent")
            let received = try reportReceived?.date(field: "report_received_on")
            let context = try write.context()
            let session = try global.openRegistry()
            let record = try FundRegister(session).allocate(
                taxCode: taxCode, year: year, allocated: amount, spent: spent, reportReceived: received, context: context)
            out.written(record, done: out.text("Đã ghi trích lập năm \(year) của \(taxCode).", "Recorded the \(year) allocation of \(taxCode)."))
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: words("Ghi việc giải thể quỹ đang hoạt động của doanh nghiệp.", "Close the enterprise's open fund."))

        @Option(help: .vi("Mã số thuế của doanh nghiệp.", en: "Tax code of the enterprise.")) var taxCode: String
        @Option(help: .vi("Ngày giải thể, dạng YYYY-MM-DD.", en: "Closure date, YYYY-MM-DD.")) var on: DateArgument
        @OptionGroup var write: WriteOptions
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let out = global.printer
            let taxCode = try TaxCode.argument(taxCode)
            let date = try on.date(field: "on")
            let context = try write.context()
            let session = try global.openRegistry()
            let record = try FundRegister(session).close(taxCode: taxCode, on: date, context: context)
            out.written(record, done: out.text("Đã ghi giải thể quỹ của \(taxCode) từ \(out.date(date)).", "Closed the fund of \(taxCode) from \(out.date(date))."))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: words("Danh sách quỹ; với --as-of: các quỹ đang hoạt động ngày đó.", "Funds; with --as-of, those open on that day."))

        @Option(help: .vi("Chỉ các quỹ của doanh nghiệp này (mã số thuế).", en: "Only this enterprise's funds.")) var taxCode: String?
        @Option(help: .vi("Đang hoạt động tại ngày này, dạng YYYY-MM-DD.", en: "Open on this day, YYYY-MM-DD.")) var asOf: DateArgument?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let out = global.printer
            let taxCode = try taxCode.map { code throws(RegistryError) in try TaxCode.argument(code) }
            let day = try asOf?.date(field: "as_of")
            let session = try global.openRegistry()
            try out.list(kind: .fund, empty: ("Không có quỹ nào.", "No fund.")) { body throws(RegistryError) in
                try FundRegister(session).each(taxCode: taxCode, asOf: day, body)
            }
        }
    }
}

/// An amount of đồng on the command line: text is a usage error (64), a negative amount a
/// rule violation (65).
struct MoneyArgument: ExpressibleByArgument {
    let outcome: Result<Money, Money.Problem>

    init?(argument: String) {
        do {
            outcome = .success(try Money(parsing: argument))
        } catch {
            guard case .negative = error else { return nil }
            outcome = .failure(error)
        }
    }

    func money(field: String) throws(RegistryError) -> Money {
        switch outcome {
        case .success(let money): return money
        case .failure(let problem):
            let shown: String
            if case .negative(let value) = problem { shown = String(value) } else { shown = "" }
            throw RegistryError.invalid(field, shown, vi: "Số tiền không được âm.", en: "An amount of money cannot be negative.")
        }
    }
}
