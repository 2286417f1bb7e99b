import ArgumentParser
import Registry

extension EnterpriseCommand {
    struct Rekey: WritingCommand {
        static let configuration = CommandConfiguration(commandName: "rekey", abstract: words("Sửa mã số thuế bị nhập sai; các hồ sơ liên quan đi theo.", "Correct a mistyped tax code; linked records follow."),
            discussion: HelpText.enterpriseRekey)

        @Argument(help: .vi("Mã số thuế đang ghi (bị sai).", en: "The tax code as registered (wrong).")) var taxCode: String
        @Argument(help: .vi("Mã số thuế đúng.", en: "The correct tax code.")) var newTaxCode: String
        @OptionGroup var write: ReasonedWriteOptions

        func run() throws {
            let taxCode = try TaxCode.argument(taxCode)
            let newCode = try TaxCode.argument(newTaxCode, field: "new_tax_code")
            let (out, session, context) = try openForWriting()
            let result = try EnterpriseRegister(session).rekey(taxCode, to: newCode, context: context)
            out.written(result, file: try EnterpriseRegister(session).file(result.enterprise.taxCode), done: out.text("Đã sửa mã số thuế \(taxCode) thành \(newCode).", "Changed tax code \(taxCode) to \(newCode)."))
        }
    }
}
