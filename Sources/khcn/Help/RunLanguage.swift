import ArgumentParser
import Foundation
import Registry

extension Language {
    /// The language of this run, read once from `--lang` / `--lang=` / `KHCN_LANG` (contract
    /// §2) before swift-argument-parser builds its help: abstracts and option help are chosen
    /// with it, and parse errors are worded in it.
    static let ofThisRun = Language(arguments: Array(CommandLine.arguments.dropFirst()),
                                    environment: ProcessInfo.processInfo.environment)

    /// The last `--lang` on the command line wins over `KHCN_LANG`; Vietnamese by default.
    init(arguments: [String], environment: [String: String]) {
        var language = environment["KHCN_LANG"].flatMap { Language(rawValue: $0.lowercased()) } ?? .vietnamese
        for (index, argument) in arguments.enumerated() {
            if argument == "--", index > 0 { break }
            if argument == "--lang", index + 1 < arguments.count, let chosen = Language(rawValue: arguments[index + 1]) {
                language = chosen
            } else if argument.hasPrefix("--lang="), let chosen = Language(rawValue: String(argument.dropFirst("--lang=".count))) {
                language = chosen
            }
        }
        self = language
    }
}

/// Help and usage text in the language of this run: `words("Mã số thuế…", "Tax code…")`.
func words(_ vi: String, _ en: String) -> String {
    Language.ofThisRun == .vietnamese ? vi : en
}

extension ArgumentHelp {
    /// An option's or argument's help in the language of this run.
    static func vi(_ vi: String, en: String) -> ArgumentHelp {
        ArgumentHelp(words(vi, en))
    }
}
