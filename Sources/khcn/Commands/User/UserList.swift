import ArgumentParser
import Registry

extension UserCommand {
    /// `khcn user list`: every personal login with its role and provinces.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: words("Danh sách tài khoản đăng nhập cá nhân (chỉ quản trị viên).", "List the personal logins (admin only)."))

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let out = global.printer
            let accounts = try Users(try global.openRegistry()).list()
            if out.json {
                out.emit(.array(accounts.map(out.json)))
                return
            }
            var table = Table([out.text("Tài khoản", "Login"), out.text("Họ và tên", "Full name"), out.text("Vai trò", "Role"),
                               out.text("Tỉnh", "Provinces"), out.text("Trạng thái", "State")])
            for account in accounts {
                table.append([account.login, account.fullName, account.role.rawValue, account.provinces.joined(separator: ", "),
                              account.disabled ? out.text("đã khóa", "disabled") : out.text("hoạt động", "active")])
            }
            out.say(table.rendered())
        }
    }
}
