import ArgumentParser
import Foundation
import Registry

extension ImportCommand {
    struct Template: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "template", abstract: words("In dòng tiêu đề CSV và một dòng ví dụ (--headers vi: tên cột tiếng Việt).", "Print the CSV header (canonical names) and one example row."),
            discussion: HelpText.importColumns)

        @Argument(help: .fileKind) var kind: FileKindArgument

        @Option(help: .headers) var headers: CSVHeaders = .canonical
        /// Contract §2: every command takes `--lang`; here it chooses the language of the help.
        @Option(name: .long, help: .lang) var lang: Language?

        func run() throws {
            print(ImportTemplate.csv(kind.kind, headers: headers), terminator: "")
        }
    }
}
