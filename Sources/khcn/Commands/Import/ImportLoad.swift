import ArgumentParser
import Foundation
import Registry

extension ImportCommand {
    /// `khcn import KIND FILE`
    struct Load: WritingCommand {
        static let configuration = CommandConfiguration(
            commandName: "file", abstract: words("Nhập tệp FILE thuộc loại KIND: enterprises, certificates, funds, fund-allocations, ip, ip-fees, gi, gi-managers hoặc gi-users.", "Import FILE as KIND: enterprises, certificates, funds, fund-allocations, ip, ip-fees, gi, gi-managers or gi-users."),
            discussion: HelpText.importColumns)

        @Argument(help: .fileKind) var kind: FileKindArgument
        @Argument(help: .vi("Tệp CSV, hoặc - để đọc từ đầu vào chuẩn (đọc đến hết).", en: "The CSV file, or - for standard input (read to its end).")) var file: String
        @Flag(help: .vi("Chỉ kiểm tra, không ghi gì.", en: "Check everything, write nothing.")) var dryRun = false
        @Option(help: .vi("Bảng mã: auto (tự nhận), utf-8, utf-16, windows-1258 hoặc tcvn3.", en: "auto, utf-8, utf-16, windows-1258 or tcvn3.")) var encoding: EncodingArgument = .auto
        @Option(help: .vi("Dấu phân cách: auto (tự nhận), ',', ';' hoặc tab.", en: "auto, ',', ';' or tab.")) var delimiter: DelimiterArgument = .auto
        @Option(help: .vi("Kiểu ngày: auto, dmy (ngày/tháng/năm), ymd hoặc mdy (chỉ đọc tháng trước ngày khi chọn mdy).", en: "auto, dmy, ymd or mdy (never month-first unless mdy).")) var dateFormat: DateOrder = .auto
        @Option(help: .vi("Vẫn nạp các dòng đúng nếu có nhiều nhất N dòng sai.", en: "Load the good rows if at most N rows are bad.")) var maxErrors: Int?
        @Option(help: .vi("Ghi thêm bản tóm tắt JSON vào tệp này.", en: "Also write the summary JSON to this file.")) var report: String?
        @Option(help: .vi("Ghi các dòng bị loại, nguyên như trong tệp gốc, vào tệp này.", en: "Write the bad rows, as their original bytes, to this file.")) var rejects: String?
        @OptionGroup var write: WriteOptions

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
}
