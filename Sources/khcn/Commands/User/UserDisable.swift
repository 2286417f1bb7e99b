import ArgumentParser
import Registry

extension UserCommand {
    /// `khcn user disable LOGIN --reason TEXT`
    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable a login")

        @Argument(help: "Login name.") var login: String
        @OptionGroup var write: WriteOptions
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if write.reason == nil { throw ValidationError("Missing expected argument '--reason <reason>'") }
        }

        func run() throws {
            let out = global.printer
            let context = try write.context()
            let account = try Users(try global.openRegistry()).setDisabled(login, true, context: context)
            out.show(account, " it is refused from then on; its history stays (admin only). \(login).", "Đã khóa tài khoản:Disabled login \(login).")
        }
    }
}
