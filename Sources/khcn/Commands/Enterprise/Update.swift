import ArgumentParser
import Registry

extension EnterpriseCommand {
    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: words("Sửa hoặc bổ sung hồ sơ doanh nghiệp; trường không nêu được giữ nguyên.", "Correct or complete an enterprise's record; fields not given are kept."))

        @Argument(help: .enterpriseTaxCode) var taxCode: String
        @Option(help: .vi("Tên doanh nghiệp như trên giấy chứng nhận đăng ký.", en: "Name as on the registration certificate.")) var name: String?
        @OptionGroup var fields: EnterpriseFieldOptions
        @OptionGroup var write: WriteOptions
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let out = global.printer
            let taxCode = try TaxCode.argument(taxCode)
            let context = try write.context()
            let session = try global.openRegistry()
            let result = try EnterpriseRegister(session).update(taxCode, try fields.fields(name: name), context: context)
            out.written(result, file: try EnterpriseRegister(session).file(try TaxCode.argument(result.enterprise.taxCode)), done: result.changed
                ? out.text("Đã cập nhật doanh nghiệp \(taxCode).", "Updated enterprise \(taxCode).")
                : out.text("Không có gì thay đổi.", "Nothing changed."))
        }
    }
}
