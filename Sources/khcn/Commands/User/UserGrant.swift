import ArgumentParser
import Registry

extension UserCommand {
    /// `khcn user grant LOGIN --province CODE`
    struct Grant: WritingCommand {
        static let configuration = CommandConfiguration(
            abstract: words("Cho một tài khoản làm việc thêm ở một tỉnh (chỉ quản trị viên).", "Grant a province to a login (admin only)."))

        @Argument(help: .loginName) var login: String
        @Option(help: .vi("Mã tỉnh được cấp thêm, ví dụ 08.", en: "Province code.")) var province: String
        @OptionGroup var write: UserWriteOptions

        func run() throws {
            let (out, session, context) = try openForWriting()
            let account = try Users(session).grant(login, province: province, context: context)
            out.show(account, "Đã cấp tỉnh \(province) — tài khoản \(login).", "Granted province \(province) — login \(login).")
        }
    }
}
