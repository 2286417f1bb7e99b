import ArgumentParser
import Registry

extension UserCommand {
    /// `khcn user password [LOGIN] [--password-stdin]`: any login changes its own; an admin
    /// sets another's (contract §9).
    struct Password: RegistryCommand {
        static let configuration = CommandConfiguration(
            commandName: "password",
            abstract: words("Đổi mật khẩu: của chính mình, hoặc của bất kỳ tài khoản nào nếu là quản trị viên.",
                            "Change a login's password (your own, or any as admin)."))

        @Argument(help: .vi("Tên đăng nhập (nếu không có: tài khoản của chính bạn).", en: "Login name (default: your own).")) var login: String?
        @OptionGroup var password: PasswordOptions
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let (out, session) = try open()
            let secret = try password.read(out)
            let changed = try Users(session).setPassword(login, password: secret)
            if out.json {
                out.emit(.object([("login", .string(changed)), ("password_changed", .bool(true))]))
            } else {
                out.say(out.text("Đã đổi mật khẩu của \(changed).", "Changed the password of \(changed)."))
            }
        }
    }
}
