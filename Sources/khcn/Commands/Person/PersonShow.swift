import ArgumentParser
import Registry

extension PersonCommand {
    /// Everything held about a person: what a data subject may ask to see (Law 91/2025/QH15).
    struct Show: RegistryCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: words("Mọi thông tin đang lưu về một cá nhân.", "Everything held about a person."),
            discussion: words("Ví dụ:\n  khcn person show \"Nguyễn Văn Anh\"", "Example:\n  khcn person show \"Nguyễn Văn Anh\""))

        @Argument(help: .vi("Mã số hoặc họ tên của cá nhân (không phân biệt hoa thường, dấu).",
                            en: "The person's id, or name (case and diacritics ignored).")) var person: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let (out, session) = try openForReading()
            let persons = Persons(session)
            let file = JSON.parse(try persons.file(try persons.one(person).id))
            if out.json {
                out.emit(file)
                return
            }
            guard case .object = file else { return }
            let fields = file.members
            let text = file.cell
            var lines: [(String, String)] = [(out.text("Mã số", "Id"), text("id")), (out.text("Họ tên", "Name"), text("name"))]
            if case .bool(true)? = fields["erased"] {
                lines.append((out.text("Đã xóa tên lúc", "Name erased at"), out.timestamp(text("erased_at"))))
            }
            out.say(out.card(out.text("Cá nhân", "Person"), lines))
            if case .array(let applications)? = fields["ip_applications"], !applications.isEmpty {
                out.say(out.text("Đơn đăng ký đứng tên:", "Applications:"))
                out.say(out.table(applications, columns: ["application_number", "kind", "filed_on", "title", "status"]))
            }
            if case .array(let changes)? = fields["changes"], !changes.isEmpty {
                out.say(out.text("Thay đổi:", "Changes:"))
                out.say(out.table(changes, columns: ["at", "action", "actor", "reason"]))
            }
        }
    }
}
