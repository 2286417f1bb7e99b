import ArgumentParser

struct DB: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: words("Cơ sở dữ liệu: cập nhật lược đồ, xem tình trạng.", "Schema migrations and database status."),
        subcommands: [Migrate.self, Status.self])
}
