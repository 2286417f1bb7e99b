import ArgumentParser
import Registry

extension UserCommand {
    /// `khcn user revoke LOGIN --province CODE`
    struct Revoke: WritingCommand {
        static let configuration = CommandConfiguration(
            abstract: words("Thu hồi quyền làm việc ở một tỉnh của một tài khoản (chỉ quản trị viên).", "Take a province away from a login (admin only)."))

        @Argument(help: .loginName) var login: String
        @Option(help: .vi("Mã tỉnh bị thu hồi, ví dụ 08.", en: "Province code.")) var province: String
        @OptionGroup var write: UserWriteOptions

        func run() throws {
            let (out, session, context) = try openForWriting()
            let account = try Users(session).revoke(login, province: province, context: context)
            out.show(account, "Đã thu hồi tỉnh \(province) — tài khoản \(login).", "Revoked province \(province) — login \(login).")
        }
    }
}
