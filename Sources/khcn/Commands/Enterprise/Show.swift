import ArgumentParser
import Registry

extension EnterpriseCommand {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "An enterprise's whole file.")

        @Argument(help: "Tax code of the enterprise.") var taxCode: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let out = global.printer
            let taxCode = try TaxCode.argument(taxCode)
            let session = try global.openRegistry()
            let file = try EnterpriseRegister(session).file(taxCode)
            if out.json {
                out.emit(out.json(file))
            } else {
                out.say(out.card(file))
            }
        }
    }
}
