import ArgumentParser
import Foundation
import Registry

/// `khcn export KIND`: the canonical CSV of contract §6, byte for byte, so that exports diff.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: words("Xuất một loại hồ sơ ra tệp CSV (mở được bằng Excel với --excel).", "Write the canonical CSV of a kind (the import columns, in order)."))

    @Argument(help: .fileKind) var kind: FileKindArgument
    @Option(help: .vi("Ghi vào tệp này thay vì in ra màn hình (ghi trọn vẹn hoặc không ghi gì).", en: "Write to this file instead of standard output (written whole or not at all).")) var output: String?
    @Flag(help: .vi("Thêm BOM và xuống dòng CRLF để Excel hiển thị đúng tiếng Việt.", en: "Add a BOM and CRLF line ends so that Excel shows Vietnamese correctly.")) var excel = false
    @Option(help: .headers) var headers: CSVHeaders = .canonical
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let out = global.printer
        // Contract §5: an export is CSV; `--json` is refused rather than silently ignored.
        if global.json {
            throw RegistryError(.usage, type: "usage-error", field: "json",
                                vi: "export chỉ ghi CSV, không nhận --json; để lấy JSON hãy dùng lệnh list hoặc show của loại đó với --json.",
                                en: "export writes CSV only and does not take --json; for JSON use that kind's list or show command with --json.")
        }
        // Contract §6: the file is opened before anything else, so an unwritable path is exit 66
        // with nothing changed.
        var sink = try CSVSink(path: output, excel: excel)
        do {
            let session = try global.openRegistryForReading()
            try Exporter(session).export(kind.kind, excel: excel, headers: headers) { chunk in try sink.write(chunk) }
            try sink.finish()
        } catch {
            sink.abandon()
            throw error
        }
        if let output, !out.json {
            out.warn(out.text("Đã ghi \(output).", "Wrote \(output)."))
        }
    }
}
