import ArgumentParser
import Registry

struct GICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gi", abstract: words("Chỉ dẫn địa lý: văn bằng bảo hộ.", "Geographical indications (chỉ dẫn địa lý)."),
        subcommands: [Add.self, Cancel.self, Show.self, List.self, SetManager.self, Authorize.self])
}
