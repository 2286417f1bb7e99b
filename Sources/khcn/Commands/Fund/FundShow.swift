import ArgumentParser
import Registry

extension FundCommand {
    /// `khcn fund show MST`: the fund(s) of an enterprise, each allocation with what is used of it
    /// first-in first-out, its balance and share used (CIT Law art. 17; Circular 67/2022/TT-BTC),
    /// and how much is still short of 70% (contract §5, §10 `fund-use-70`).
    struct Show: RegistryCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: words("Quỹ của một doanh nghiệp, với số dư và tỷ lệ đã dùng của từng khoản trích lập.", "The fund(s) of an enterprise with each allocation's balance and share used."))

        @OptionGroup var enterprise: EnterpriseArgument
        @Option(help: .vi("Như đã biết vào ngày này, dạng YYYY-MM-DD (mặc định hôm nay).", en: "As known on this day, YYYY-MM-DD (default today).")) var asOf: DateArgument?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let code = try enterprise.code
            let (out, session, day) = try openForReading(asOf: asOf)
            _ = try EnterpriseRegister(session).find(code)   // an unknown enterprise is exit 3
            // Without --as-of every fund the enterprise ever had (closed ones too); with it, those in force that day.
            let shown = try FundRegister(session).list(taxCode: code, asOf: day)
            if out.json {
                out.emit(.array(shown.map { out.json($0) }))
            } else if shown.isEmpty {
                out.say(out.text("Doanh nghiệp \(code) chưa có quỹ phát triển KH&CN.", "Enterprise \(code) has no S&T development fund."))
            } else {
                for fund in shown { out.say(out.card(fund)) }
            }
        }
    }
}
