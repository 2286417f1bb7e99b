import ArgumentParser
import Registry

struct FundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fund", abstract: words("Quỹ phát triển KH&CN của doanh nghiệp.", "Enterprise S&T development funds (quỹ phát triển KH&CN của doanh nghiệp)."),
        subcommands: [Add.self, Allocate.self, Close.self, List.self, Show.self])
}
