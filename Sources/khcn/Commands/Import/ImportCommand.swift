import ArgumentParser
import Foundation
import Registry

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: words("Nhập dữ liệu từ tệp CSV (bảng tính), xem mẫu, xem và hoàn tác các lô nhập.", "Import the spreadsheets clerks receive, show templates, list and revert batches."),
        subcommands: [Load.self, Template.self, List.self, Revert.self],
        defaultSubcommand: Load.self)
}
