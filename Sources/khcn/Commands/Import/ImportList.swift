import ArgumentParser
import Foundation
import Registry

extension ImportCommand {
    struct List: RegistryCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: words("Các lô đã nhập, mới nhất trước.", "The import batches, newest first."))

        @OptionGroup var global: GlobalOptions

        func run() throws {
            try printList({ try ImportBatches($0).list().map { JSON.parse($0) } }, json: { _ in { $0 } }, table: Printer.batchTable)
        }
    }
}
