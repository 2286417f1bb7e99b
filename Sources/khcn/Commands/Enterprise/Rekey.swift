import ArgumentParser
import Registry

extension EnterpriseCommand {
    struct Rekey: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Correct a mistyped tax code; linked records follow.")

        @Argument(help: "The tax code as registered (wrong).") var taxCode: String
        @Argument(help: "The correct tax code.") var newTaxCode: String
        @OptionGroup var write: WriteOptions
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if write.reason == nil { throw ValidationError("Missing expected argument '--reason <reason>'") }
        }

        func run() throws {
            let out = global.printer
            let taxCode = try TaxCode.argument(taxCode)
            let newCode = try TaxCode.argument(newTaxCode, field: "new_tax_code")
            let context = try write.context()
            let session = try global.openRegistry()
            let result = try EnterpriseRegister(session).rekey(taxCode, to: newCode, context: context)
            out.written(result, file: try EnterpriseRegister(session).file(try TaxCode.argument(result.enterprise.taxCode)), done: out.text("Đã sửa mã số thuế \(taxCode) thành \(newCode).", "Changed tax code \(taxCode) to \(newCode)."))
        }
    }
}
