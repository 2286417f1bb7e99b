import ArgumentParser
import Registry

extension UserCommand {
    /// `khcn user enable LOGIN --reason TEXT`
    struct Enable: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: words("Mở lại một tài khoản đã khóa (chỉ quản trị viên).", "Enable a disabled login again (admin only)."))

        @Argument(help: .loginName) var login: String
        @OptionGroup var write: ReasonedWriteOptions
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let out = global.printer
            let context = try write.context()
            let account = try Users(try global.openRegistry()).setDisabled(login, false, context: context)
            out.show(account, "Đã mở lại tài khoản \(login).", "Enabled login \(login).")
        }
    }
}
