import ArgumentParser
import Foundation
import Registry

extension ImportCommand {
    struct Revert: WritingCommand {
        static let configuration = CommandConfiguration(commandName: "revert", abstract: words("Hoàn tác một lô nhập: trả mọi hồ sơ lô đó đã thêm hay sửa về như trước (cần --reason).", "Undo a batch: put back every record it inserted or changed."))

        @Argument(help: .vi("Số lô (xem khcn import list).", en: "Batch number (khcn import list).")) var batch: Int
        @OptionGroup var write: ReasonedWriteOptions

        func run() throws {
            let (out, session, context) = try openForWriting()
            let undone = try ImportBatches(session).revert(batch, context: context)
            if out.json {
                out.emit(.object([("batch", .int(batch)), ("reverted", .bool(true)), ("records", .int(undone))]))
            } else {
                out.say(out.text("Đã hoàn tác lô \(batch): \(undone) hồ sơ được trả lại như trước.",
                                 "Reverted batch \(batch): \(undone) record(s) put back."))
            }
        }
    }
}
