import ArgumentParser
import Foundation
import Registry

extension ImportCommand {
    struct List: RegistryCommand {
        static let configuration = CommandConfiguration(abstract: words("Các lô đã nhập, mới nhất trước.", "The import batches, newest first."))

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let (out, session) = try openForReading()
            out.list(try ImportBatches(session).list().map { JSON.parse($0) }, json: { $0 }, table: out.batchTable)
        }
    }
}
