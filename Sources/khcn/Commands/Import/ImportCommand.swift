import ArgumentParser
import Foundation
import Registry

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: words("Nhập dữ liệu từ tệp CSV (bảng tính), xem mẫu, xem và hoàn tác các lô nhập.", "Import the spreadsheets clerks receive, show templates, list and revert batches."),
        subcommands: [Load.self, Template.self, List.self, Revert.self],
        defaultSubcommand: Load.self)

    /// `khcn import KIND FILE`
    struct Load: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "file", abstract: words("Nhập tệp FILE thuộc loại KIND: enterprises, certificates, funds, fund-allocations, ip, ip-fees, gi, gi-managers hoặc gi-users.", "Import FILE as KIND: enterprises, certificates, funds, fund-allocations, ip, ip-fees, gi, gi-managers or gi-users."),
            discussion: HelpText.importColumns)

        @Argument(help: .vi("Loại hồ sơ: enterprises (doanh nghiệp), certificates (giấy chứng nhận), funds (quỹ), fund-allocations (trích lập quỹ), ip (sáng chế, giải pháp hữu ích), ip-fees (phí duy trì), gi (chỉ dẫn địa lý), gi-managers (tổ chức quản lý CDĐL) hoặc gi-users (doanh nghiệp được phép sử dụng CDĐL).", en: "enterprises, certificates, funds, fund-allocations, ip, ip-fees, gi, gi-managers or gi-users.")) var kind: FileKindArgument
        @Argument(help: .vi("Tệp CSV, hoặc - để đọc từ đầu vào chuẩn (đọc đến hết).", en: "The CSV file, or - for standard input (read to its end).")) var file: String
        @Flag(help: .vi("Chỉ kiểm tra, không ghi gì.", en: "Check everything, write nothing.")) var dryRun = false
        @Option(help: .vi("Bảng mã: auto (tự nhận), utf-8, utf-16, windows-1258 hoặc tcvn3.", en: "auto, utf-8, utf-16, windows-1258 or tcvn3.")) var encoding: EncodingArgument = .auto
        @Option(help: .vi("Dấu phân cách: auto (tự nhận), ',', ';' hoặc tab.", en: "auto, ',', ';' or tab.")) var delimiter: DelimiterArgument = .auto
        @Option(help: .vi("Kiểu ngày: auto, dmy (ngày/tháng/năm), ymd hoặc mdy (chỉ đọc tháng trước ngày khi chọn mdy).", en: "auto, dmy, ymd or mdy (never month-first unless mdy).")) var dateFormat: DateOrder = .auto
        @Option(help: .vi("Vẫn nạp các dòng đúng nếu có nhiều nhất N dòng sai.", en: "Load the good rows if at most N rows are bad.")) var maxErrors: Int?
        @Option(help: .vi("Ghi thêm bản tóm tắt JSON vào tệp này.", en: "Also write the summary JSON to this file.")) var report: String?
        @Option(help: .vi("Ghi các dòng bị loại, nguyên như trong tệp gốc, vào tệp này.", en: "Write the bad rows, as their original bytes, to this file.")) var rejects: String?
        @OptionGroup var write: WriteOptions
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if let maxErrors, maxErrors < 0 { throw UsageProblem.maxErrorsNegative.error }
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
            let bar = ProgressBar(out, dryRun: dryRun)
            defer { bar.finish() }   // also when the import fails: the message starts on a clean line
            let result = try Importer(session).run(kind.kind, path: file, options: options, context: context,
                                                   progress: { done, total in bar.update(done: done, total: total) },
                                                   phase: { bar.phase($0) })
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
        static let configuration = CommandConfiguration(abstract: words("In dòng tiêu đề CSV và một dòng ví dụ (--headers vi: tên cột tiếng Việt).", "Print the CSV header (canonical names) and one example row."),
            discussion: HelpText.importColumns)

        @Argument(help: .vi("Loại hồ sơ: enterprises (doanh nghiệp), certificates (giấy chứng nhận), funds (quỹ), fund-allocations (trích lập quỹ), ip (sáng chế, giải pháp hữu ích), ip-fees (phí duy trì), gi (chỉ dẫn địa lý), gi-managers (tổ chức quản lý CDĐL) hoặc gi-users (doanh nghiệp được phép sử dụng CDĐL).", en: "enterprises, certificates, funds, fund-allocations, ip, ip-fees, gi, gi-managers or gi-users.")) var kind: FileKindArgument

        @Option(help: .headers) var headers: CSVHeaders = .canonical
        /// Contract §2: every command takes `--lang`; here it chooses the language of the help.
        @Option(name: .long, help: .lang) var lang: Language?

        func run() throws {
            print(ImportTemplate.csv(kind.kind, headers: headers), terminator: "")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: words("Các lô đã nhập, mới nhất trước.", "The import batches, newest first."))

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
        static let configuration = CommandConfiguration(abstract: words("Hoàn tác một lô nhập: trả mọi hồ sơ lô đó đã thêm hay sửa về như trước (cần --reason).", "Undo a batch: put back every record it inserted or changed."))

        @Argument(help: .vi("Số lô (xem khcn import list).", en: "Batch number (khcn import list).")) var batch: Int
        @OptionGroup var write: ReasonedWriteOptions
        @OptionGroup var global: GlobalOptions

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
extension CSVHeaders: ExpressibleByArgument {}
