import ArgumentParser
import Registry

extension EnterpriseCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register an enterprise.")

        @Option(help: "Tax code: 10 digits, or 13 written XXXXXXXXXX-NNN.") var taxCode: String
        @OptionGroup var fields: EnterpriseFieldOptions
        @OptionGroup var write: WriteOptions
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if fields.name == nil { throw ValidationError("Missing expected argument '--name <name>'") }
        }

        func run() throws {
            let out = global.printer
            let taxCode = try TaxCode.argument(taxCode)
            let context = try write.context()
            let session = try global.openRegistry()
            let result = try EnterpriseRegister(session).add(taxCode, try fields.fields(), context: context)
            out.written(result, file: try EnterpriseRegister(session).file(try TaxCode.argument(result.enterprise.taxCode)), done: out.text("Đã đăng ký doanh nghiệp \(taxCode).", "Registered enterprise \(taxCode)."))
        }
    }
}
