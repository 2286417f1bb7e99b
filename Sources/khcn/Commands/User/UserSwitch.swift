import ArgumentParser
import Registry

/// `user disable` and `user enable`: one command that turns a login off (it is refused from
/// then on; its history stays) or on again, with a reason (admin only, contract §9).
struct LoginSwitch<Way: Switch>: WritingCommand {
    static var configuration: CommandConfiguration {
        Way.on
            ? CommandConfiguration(commandName: "enable", abstract: words("Mở lại một tài khoản đã khóa (chỉ quản trị viên).", "Enable a disabled login again (admin only)."))
            : CommandConfiguration(
                commandName: "disable",
                abstract: words("Khóa một tài khoản: từ đó không đăng nhập được; lịch sử thay đổi vẫn giữ (chỉ quản trị viên).",
                                "Disable a login: it is refused from then on; its history stays (admin only)."),
                discussion: words("Ví dụ:\n  khcn user disable nguyenvana --reason \"Nghỉ hưu\"", "Example:\n  khcn user disable nguyenvana --reason \"Retired\""))
    }

    @Argument(help: .loginName) var login: String
    @OptionGroup var write: ReasonedWriteOptions

    func run() throws {
        let (out, session, context) = try openForWriting()
        let account = try Users(session).setDisabled(login, !Way.on, context: context)
        Way.on
            ? out.show(account, "Đã mở lại tài khoản \(login).", "Enabled login \(login).")
            : out.show(account, "Đã khóa tài khoản \(login).", "Disabled login \(login).")
    }
}
