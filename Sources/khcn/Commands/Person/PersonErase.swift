import ArgumentParser
import Registry

extension PersonCommand {
    /// The right to erasure (Law 91/2025/QH15): the name becomes a pseudonym in the one place it
    /// is held, so it is found in no table, audit image or import row, and every seal still holds.
    struct Erase: WritingCommand {
        static let configuration = CommandConfiguration(
            commandName: "erase",
            abstract: words("Xóa tên một cá nhân ở mọi nơi, thay bằng bí danh.", "Remove a person's name everywhere, leaving a pseudonym."),
            discussion: HelpText.personErase)

        @Argument(help: .vi("Mã số hoặc họ tên của cá nhân (nếu nhiều người khớp: liệt kê họ, thoát 65).",
                            en: "The person's id, or name (several matches are listed, exit 65).")) var person: String
        @OptionGroup var write: ReasonedWriteOptions

        func run() throws {
            let (out, session, context) = try openForWriting()
            let persons = Persons(session)
            let subject = try persons.one(person)
            let pseudonym = try persons.erase(subject.id, context: context)
            if out.json {
                out.emit(JSON.parse(try persons.file(subject.id)).adding("warnings", .array([])))
            } else {
                out.say(out.text("Đã xóa tên cá nhân #\(subject.id); nay ghi là “\(pseudonym)”.",
                                 "Erased the name of person #\(subject.id); now recorded as “\(pseudonym)”."))
                out.say(out.text("Bản sao lưu, WAL lưu trữ và máy dự phòng hết hạn theo thời hạn lưu giữ (xem README).",
                                 "Backups, archived WAL and standbys age out by retention (see the README)."))
            }
        }
    }
}
