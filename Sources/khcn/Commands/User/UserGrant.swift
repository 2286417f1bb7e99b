import ArgumentParser
import Registry

extension UserCommand {
    /// `khcn user grant LOGIN --province CODE`
    struct Grant: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: words("Cho một tài khoản làm việc thêm ở một tỉnh (chỉ quản trị viên).", "Grant a province to a login (admin only)."))

        @Argument(help: .loginName) var login: String
        @Option(help: .vi("Mã tỉnh được cấp thêm, ví dụ 08.", en: "Province code.")) var province: String
        @OptionGroup var write: WriteOptions
        @OptionGroup var options: UserGlobalOptions
        var global: GlobalOptions { options.global }

        func run() throws {
            let out = global.printer
            let context = try write.context()
            let account = try Users(try global.openRegistry()).grant(login, province: province, context: context)
            out.show(account, "Đã cấp tỉnh \(province) — tài khoản \(login).", "Granted province \(province) — login \(login).")
        }
    }
}
