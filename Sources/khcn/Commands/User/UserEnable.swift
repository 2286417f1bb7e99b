import ArgumentParser
import Registry

extension UserCommand {
    /// `khcn user enable LOGIN --reason TEXT`
    struct Enable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled login again (admin only).")

        @Argument(help: "Login name.") var login: String
        @OptionGroup var write: WriteOptions
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if write.reason == nil { throw ValidationError("Missing expected argument '--reason <reason>'") }
        }

        func run() throws {
            let out = global.printer
            let context = try write.context()
            let account = try Users(try global.openRegistry()).setDisabled(login, false, context: context)
            out.show(account, "Đã mở lại tài khoản \(login).", "Enabled login \(login).")
        }
    }
}
