import ArgumentParser
import Registry

extension EnterpriseCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List enterprises, sorted by name; search ignores case and diacritics.")

        @Option(help: "Part of the name (`tan trao` finds `Tân Trào`) or the start of a tax code.") var search: String?
        @Option(help: "active, suspended or dissolved.") var status: EnterpriseStatus?
        @Option(help: "Only enterprises with this commune code (mã xã), e.g. 02242.") var commune: String?
        @Option(help: "Part of the address, ignoring case and diacritics (`minh xuan` finds `phường Minh Xuân`).") var address: String?
        @Option(help: "At most this many rows (default 50).") var limit: Int = 50
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            guard limit > 0 else { throw ValidationError("--limit must be a positive number") }
        }

        func run() throws {
            let out = global.printer
            let session = try global.openRegistry()
            let (enterprises, total) = try EnterpriseRegister(session).page(
                search: search, status: status, commune: commune, address: address, limit: limit)
            if out.json {
                out.emit(.array(enterprises.map(out.json)))
            } else if enterprises.isEmpty {
                out.say(out.text("Không có doanh nghiệp nào phù hợp.", "No enterprise matches."))
            } else {
                out.say(out.table(enterprises))
                out.say(out.shown(enterprises.count, of: total, noun: ("doanh nghiệp", "enterprise(s)")))
            }
        }
    }
}
