import ArgumentParser
import Registry

extension UserCommand {
    /// `khcn user disable LOGIN --reason TEXT`
    struct Disable: WritingCommand {
        static let configuration = CommandConfiguration(
            abstract: words("Khóa một tài khoản: từ đó không đăng nhập được; lịch sử thay đổi vẫn giữ (chỉ quản trị viên).",
                            "Disable a login: it is refused from then on; its history stays (admin only)."),
            discussion: words("Ví dụ:\n  khcn user disable nguyenvana --reason \"Nghỉ hưu\"", "Example:\n  khcn user disable nguyenvana --reason \"Retired\""))

        @Argument(help: .loginName) var login: String
        @OptionGroup var write: ReasonedWriteOptions

        func run() throws {
            let (out, session, context) = try openForWriting()
            let account = try Users(session).setDisabled(login, true, context: context)
            out.show(account, "Đã khóa tài khoản \(login).", "Disabled login \(login).")
        }
    }
}
