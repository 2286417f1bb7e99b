import ArgumentParser
import Registry

/// `khcn person`: persons who apply for IP titles, whose names are personal data
/// (Law 91/2025/QH15; contract §9).
struct PersonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person",
        abstract: words("Cá nhân đứng tên chủ đơn sáng chế, giải pháp hữu ích (dữ liệu cá nhân).",
                        "Persons named as IP applicants (personal data)."),
        subcommands: [Show.self, Erase.self])
}
