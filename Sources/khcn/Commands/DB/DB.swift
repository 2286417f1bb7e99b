import ArgumentParser

struct DB: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "Schema migrations and database status.",
        subcommands: [Migrate.self, Status.self])
}
