import ArgumentParser
import Registry

struct TargetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "targets", abstract: words("Các chỉ tiêu của Kế hoạch 222/KH-UBND.", "The plan's targets (Kế hoạch 222/KH-UBND)."),
        subcommands: [List.self, Record.self, SetRule.self])
}
