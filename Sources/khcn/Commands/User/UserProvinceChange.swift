import ArgumentParser
import Registry

/// `user grant` and `user revoke`: one command, a province given to a login or taken from it
/// (admin only), the login shown as it is after.
struct ProvinceChange<Way: Switch>: WritingCommand {
    static var configuration: CommandConfiguration {
        Way.on
            ? CommandConfiguration(commandName: "grant", abstract: words("Cho một tài khoản làm việc thêm ở một tỉnh (chỉ quản trị viên).", "Grant a province to a login (admin only)."))
            : CommandConfiguration(commandName: "revoke", abstract: words("Thu hồi quyền làm việc ở một tỉnh của một tài khoản (chỉ quản trị viên).", "Take a province away from a login (admin only)."))
    }

    @Argument(help: .loginName) var login: String
    @Option(help: Way.on ? .vi("Mã tỉnh được cấp thêm, ví dụ 08.", en: "Province code.") : .vi("Mã tỉnh bị thu hồi, ví dụ 08.", en: "Province code.")) var province: String
    @OptionGroup var write: UserWriteOptions

    func run() throws {
        let (out, session, context) = try openForWriting()
        let users = Users(session)
        if Way.on {
            out.show(try users.grant(login, province: province, context: context),
                     "Đã cấp tỉnh \(province) — tài khoản \(login).", "Granted province \(province) — login \(login).")
        } else {
            out.show(try users.revoke(login, province: province, context: context),
                     "Đã thu hồi tỉnh \(province) — tài khoản \(login).", "Revoked province \(province) — login \(login).")
        }
    }
}
