import ArgumentParser
import Registry

extension UserCommand {
    /// `khcn user list`: every personal login with its role and provinces.
    struct List: RegistryCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: words("Danh sách tài khoản đăng nhập cá nhân (chỉ quản trị viên).", "List the personal logins (admin only)."))

        @OptionGroup var global: GlobalOptions

        func run() throws {
            try printList({ try Users($0).list() }, json: Printer.json, table: Printer.table)
        }
    }
}
