import ArgumentParser
import Foundation
import Registry

extension EnterpriseCommand {
    struct Update: WritingCommand {
        static let configuration = CommandConfiguration(commandName: "update", abstract: words("Sửa hoặc bổ sung hồ sơ doanh nghiệp; trường không nêu được giữ nguyên.", "Correct or complete an enterprise's record; fields not given are kept."))

        @OptionGroup var enterprise: EnterpriseArgument
        @Option(help: .vi("Tên doanh nghiệp như trên giấy chứng nhận đăng ký.", en: "Name as on the registration certificate.")) var name: String?
        @OptionGroup var fields: EnterpriseFieldOptions
        @Option(help: ArgumentHelp(words("Xóa trắng một trường không bắt buộc; nhắc lại cho nhiều trường.", "Empty an optional field; repeat for several."), valueName: "field")) var clear: [ClearableField] = []
        @OptionGroup var write: WriteOptions

        func run() throws {
            let taxCode = try enterprise.code
            try refuseBlankValues()
            var fields = try fields.fields(name: name)
            fields.cleared = Set(clear)
            let (out, session, context) = try openForWriting()
            let result = try EnterpriseRegister(session).update(taxCode, fields, context: context)
            out.written(result, file: try EnterpriseRegister(session).file(result.enterprise.taxCode), done: result.changed
                ? out.text("Đã cập nhật doanh nghiệp \(taxCode).", "Updated enterprise \(taxCode).")
                : out.text("Không có gì thay đổi.", "Nothing changed."))
        }

        /// A blank value means "not given" (it never erases), so `--address ""` would change
        /// nothing and say so: point at `--clear` instead (issue 12).
        private func refuseBlankValues() throws(RegistryError) {
            let given: [(String, String?, ClearableField?)] = [
                ("name", name, nil), ("address", fields.address, .address),
                ("commune-code", fields.communeCode, .communeCode), ("legal-form", fields.legalForm, .legalForm),
                ("vsic", fields.vsic.first { $0.trimmingCharacters(in: .whitespaces).isEmpty }, .vsic),
            ]
            for (flag, value, clearable) in given where value?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true {
                guard let clearable else {
                    throw RegistryError.invalid(flag, value, vi: "Tên doanh nghiệp không thể để trống.", en: "The name cannot be blank.")
                }
                throw RegistryError(
                    .usage, type: "usage-error", field: clearable.column, value: value,
                    vi: "--\(flag) để trống không xoá được gì; để xoá trường này hãy dùng --clear \(clearable.rawValue).",
                    en: "A blank --\(flag) erases nothing; to empty this field use --clear \(clearable.rawValue).")
            }
        }
    }
}
