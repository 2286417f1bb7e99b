import ArgumentParser
import Registry

extension EnterpriseCommand {
    struct Add: WritingCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: words("Đăng ký một doanh nghiệp.", "Register an enterprise."), discussion: HelpText.enterpriseAdd)

        @Option(help: .taxCode) var taxCode: String
        @Option(help: .vi("Tên doanh nghiệp như trên giấy chứng nhận đăng ký (bắt buộc).", en: "Name as on the registration certificate (required).")) var name: String
        @OptionGroup var fields: EnterpriseFieldOptions
        @OptionGroup var write: WriteOptions

        func run() throws {
            let taxCode = try TaxCode.argument(taxCode)
            let (out, session, context) = try openForWriting()
            let result = try EnterpriseRegister(session).add(taxCode, try fields.fields(name: name), context: context)
            out.written(result, file: try EnterpriseRegister(session).file(result.enterprise.taxCode), done: out.text("Đã đăng ký doanh nghiệp \(taxCode).", "Registered enterprise \(taxCode)."))
        }
    }
}
