import ArgumentParser
import Registry

extension UserCommand {
    /// `khcn user add LOGIN --role R --full-name TEXT --province CODE... [--password-stdin]`
    struct Add: WritingCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: words("Tạo tài khoản đăng nhập cá nhân (chỉ quản trị viên).", "Create a personal login (admin only)."),
            discussion: HelpText.userAdd)

        @Argument(help: .vi("Tên đăng nhập: chữ thường không dấu, chữ số, dấu _.", en: "Login name: lower-case letters, digits, _.")) var login: String
        @Option(help: .vi("Vai trò: admin (quản trị), clerk (cán bộ nhập liệu) hoặc viewer (chỉ xem).", en: "admin, clerk or viewer.")) var role: Role
        @Option(help: .vi("Họ và tên, ghi làm người thực hiện mọi thay đổi của tài khoản này.",
                           en: "Full name, recorded as the actor of every change the login makes.")) var fullName: String
        @Option(parsing: .upToNextOption, help: .vi("Mã các tỉnh được làm việc; tỉnh đầu tiên là tỉnh mặc định.",
                                                     en: "Province codes; the first is the login's default.")) var province: [String]
        @OptionGroup var password: PasswordOptions
        @OptionGroup var write: UserWriteOptions

        func run() throws {
            let (out, session, context) = try openForWriting()
            try session.require(.users)
            let secret = try password.read(out)
            let account = try Users(session).add(login, fullName: fullName, role: role, provinces: province, password: secret, context: context)
            out.show(account, "Đã tạo tài khoản \(account.login).", "Created login \(account.login).")
        }
    }
}
