import ArgumentParser
import Foundation
import Registry

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import the spreadsheets clerks receive (contract §6).",
        subcommands: [Load.self, Template.self, List.self, Revert.self],
        defaultSubcommand: Load.self)

    /// `khcn import KIND FILE`
    struct Load: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "file", abstract: "Import FILE as KIND: enterprises, certificates, funds, fund-allocations, ip, ip-fees, gi, gi-managers or gi-users.")

        @Argument(help: "enterprises, certificates, funds, fund-allocations, ip, ip-fees, gi, gi-managers or gi-users.") var kind: FileKindArgument
        @Argument(help: "The CSV file, or - for standard input (read to its end).") var file: String
        @Flag(help: "Check everything, write nothing.") var dryRun = false
        @Option(help: "auto, utf-8, utf-16, windows-1258 or tcvn3.") var encoding: EncodingArgument = .auto
        @Option(help: "auto, ',', ';' or tab.") var delimiter: DelimiterArgument = .auto
        @Option(help: "auto, dmy, ymd or mdy (never month-first unless mdy).") var dateFormat: DateOrder = .auto
        @Option(help: "Load the good rows if at most N rows are bad.") var maxErrors: Int?
        @Option(help: "Also write the summary JSON to this file.") var report: String?
        @Option(help: "Write the bad rows, as their original bytes, to this file.") var rejects: String?
        @OptionGroup var write: WriteOptions
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if let maxErrors, maxErrors < 0 { throw ValidationError("--max-errors must be 0 or more") }
        }

        func run() throws {
            let out = global.printer
            var options = ImportOptions()
            options.dryRun = dryRun
            options.encoding = encoding.encoding
            options.delimiter = delimiter.byte
            options.dateOrder = dateFormat
            options.maxErrors = maxErrors
            options.rejectsPath = rejects
            let context = try write.context()
            // Contract §6: every output is opened before anything is written (66, nothing changed);
            // the importer opens --rejects the same way.
            let reportFile = try report.map { path throws(RegistryError) in try OutputFile(path: path, field: "report") }
            defer { reportFile?.discardIfUnwritten() }
            let session = try global.openRegistry()
            let bar = ProgressBar(label: out.text("Đang nhập", "Importing"))
            let result = try Importer(session).run(kind.kind, path: file, options: options, context: context) { done, total in
                bar.update(done: done, total: total)
            }
            bar.finish()
            let document = out.json(result)
            try reportFile?.write(Array((document.rendered() + "\n").utf8))
            if out.json {
                out.emit(document)
            } else {
                out.summary(result, file: file)
            }
            if result.exitCode != 0 { throw ExitCode(result.exitCode) }
        }
    }

    struct Template: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the CSV header (canonical names) and one example row.")

        @Argument(help: "enterprises, certificates, funds, fund-allocations, ip, ip-fees, gi, gi-managers or gi-users.") var kind: FileKindArgument

        func run() throws {
            print(ImportTemplate.csv(kind.kind), terminator: "")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The import batches, newest first.")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let out = global.printer
            let session = try global.openRegistry()
            let batches = try ImportBatches(session).list().map { JSON.parse($0) }
            if out.json {
                out.emit(.array(batches))
                return
            }
            if batches.isEmpty {
                out.say(out.text("Chưa có lô nhập nào.", "No import batch yet."))
                return
            }
            var table = Table([
                out.text("Lô", "Batch"), out.text("Loại", "Kind"), out.text("Tệp", "File"), out.text("Lúc", "At"),
                out.text("Dòng", "Rows"), out.text("Thêm", "New"), out.text("Sửa", "Changed"), out.text("Giữ nguyên", "Same"),
                out.text("Bị loại", "Rejected"), out.text("Người nhập", "Actor"), out.text("Hoàn tác", "Reverted"),
            ], rightAligned: [0, 4, 5, 6, 7, 8])
            for batch in batches {
                guard case .object(let pairs) = batch else { continue }
                let value = Dictionary(pairs, uniquingKeysWith: { a, _ in a })
                func text(_ key: String) -> String {
                    switch value[key] {
                    case .string(let text)?: return text
                    case .int(let number)?: return String(number)
                    default: return "—"
                    }
                }
                table.append([text("id"), text("kind"), text("file_name"), out.timestamp(text("imported_at")), text("rows"),
                              text("inserted"), text("updated"), text("unchanged"), text("rejected"), text("actor"),
                              text("reverted_at") == "—" ? "—" : out.timestamp(text("reverted_at"))])
            }
            out.say(table.rendered())
        }
    }

    struct Revert: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Undo a batch: put back every record it inserted or changed.")

        @Argument(help: "Batch number (khcn import list).") var batch: Int
        @OptionGroup var write: WriteOptions
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if write.reason == nil { throw ValidationError("Missing expected argument '--reason <reason>'") }
        }

        func run() throws {
            let out = global.printer
            let context = try write.context()
            let session = try global.openRegistry()
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

enum EncodingArgument: String, ExpressibleByArgument, CaseIterable {
    case auto
    case utf8 = "utf-8"
    case utf16 = "utf-16"
    case windows1258 = "windows-1258"
    case tcvn3

    var encoding: SourceEncoding? { self == .auto ? nil : SourceEncoding(rawValue: rawValue) }
}

enum DelimiterArgument: String, ExpressibleByArgument, CaseIterable {
    case auto
    case comma = ","
    case semicolon = ";"
    case tab

    var byte: UInt8? {
        switch self {
        case .auto: nil
        case .comma: 0x2C
        case .semicolon: 0x3B
        case .tab: 0x09
        }
    }
}

extension DateOrder: ExpressibleByArgument {}
