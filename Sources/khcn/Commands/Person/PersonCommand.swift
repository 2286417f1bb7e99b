import ArgumentParser

/// `khcn person`: persons who apply for IP titles, whose names are personal data
/// (Law 91/2025/QH15; contract §9).
struct PersonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person", abstract: "Persons named as IP applicants (dữ liệu cá nhân).",
        subcommands: [Show.self, Erase.self])
}
