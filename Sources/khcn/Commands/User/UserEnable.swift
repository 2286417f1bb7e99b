import ArgumentParser
import Registry

extension UserCommand {
    /// `khcn user enable LOGIN --reason TEXT`
    struct Enable: WritingCommand {
        static let configuration = CommandConfiguration(
            abstract: words("Mở lại một tài khoản đã khóa (chỉ quản trị viên).", "Enable a disabled login again (admin only)."))

        @Argument(help: .loginName) var login: String
        @OptionGroup var write: ReasonedWriteOptions

        func run() throws {
            let (out, session, context) = try openForWriting()
            let account = try Users(session).setDisabled(login, false, context: context)
            out.show(account, "Đã mở lại tài khoản \(login).", "Enabled login \(login).")
        }
    }
}
