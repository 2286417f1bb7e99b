import ArgumentParser
import Registry

extension EnterpriseCommand {
    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Correct or complete an enterprise's record; fields not given are kept.")

        @Argument(help: "Tax code of the enterprise.") var taxCode: String
        @OptionGroup var fields: EnterpriseFieldOptions
        @OptionGroup var write: WriteOptions
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let out = global.printer
            let taxCode = try TaxCode.argument(taxCode)
            let context = try write.context()
            let session = try global.openRegistry()
            let result = try EnterpriseRegister(session).update(taxCode, try fields.fields(), context: context)
            out.written(result, file: try EnterpriseRegister(session).file(try TaxCode.argument(result.enterprise.taxCode)), done: result.changed
                ? out.text("Đã cập nhật doanh nghiệp \(taxCode).", "Updated enterprise \(taxCode).")
                : out.text("Không có gì thay đổi.", "Nothing changed."))
        }
    }
}
