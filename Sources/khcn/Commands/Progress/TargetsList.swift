import ArgumentParser
import Registry

extension TargetsCommand {
    struct List: RegistryCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: words("Mọi chỉ tiêu với mức cần đạt, thời hạn và cách tính.", "Every target with its threshold, deadline and counting rule."))
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try printList({ try Targets($0).list() }, json: Printer.json, table: Printer.table)
        }
    }
}
