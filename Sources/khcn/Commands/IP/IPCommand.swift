import ArgumentParser
import Registry

struct IPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ip", abstract: words("Sáng chế và giải pháp hữu ích: đơn, sự kiện, trạng thái.", "Inventions and utility solutions (sáng chế, giải pháp hữu ích)."),
        subcommands: [Add.self, Record.self, Show.self, List.self])
}
