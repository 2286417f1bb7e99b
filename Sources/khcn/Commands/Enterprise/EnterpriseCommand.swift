import ArgumentParser
import Registry

struct EnterpriseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enterprise", abstract: words("Sổ đăng ký doanh nghiệp: thêm, sửa, xem, tìm.", "The enterprise register (doanh nghiệp)."),
        subcommands: [Add.self, Update.self, SetStatus.self, Rekey.self, Delete.self, Show.self, List.self])
}
