import ArgumentParser
import Foundation
import Registry

/// `khcn export KIND`: the canonical CSV of contract §6, byte for byte, so that exports diff.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: words("Xuất một loại hồ sơ ra tệp CSV (mở được bằng Excel với --excel).", "Write the canonical CSV of a kind (the import columns, in order)."))

    @Argument(help: .vi("Loại hồ sơ: enterprises (doanh nghiệp), certificates (giấy chứng nhận), funds (quỹ), fund-allocations (trích lập quỹ), ip (sáng chế, giải pháp hữu ích), ip-fees (phí duy trì), gi (chỉ dẫn địa lý), gi-managers (tổ chức quản lý CDĐL) hoặc gi-users (doanh nghiệp được phép sử dụng CDĐL).", en: "enterprises, certificates, funds, fund-allocations, ip, ip-fees, gi, gi-managers or gi-users.")) var kind: FileKindArgument
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
            let session = try global.openRegistry()
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

struct FileKindArgument: ExpressibleByArgument {
    let kind: RecordKind

    init?(argument: String) {
        guard let kind = RecordKind(fileKind: argument) else { return nil }
        self.kind = kind
    }

    static var allValueStrings: [String] { RecordKind.allCases.compactMap(\.fileKind) }
}

/// Where the CSV goes: standard output, or a temporary file beside the target renamed into
/// place at the end, so that a failed export never leaves half a file. With `--excel`: a BOM,
/// and CRLF between records while a line break inside a quoted field stays as stored (§6).
struct CSVSink {
    let path: String?
    let excel: Bool
    private var handle: FileHandle
    private let temporary: String?
    private var buffer: [UInt8] = []
    /// Inside a quoted field (COPY doubles a quote inside one, which toggles twice).
    private var quoted = false

    init(path: String?, excel: Bool) throws(RegistryError) {
        self.path = path
        self.excel = excel
        if let path {
            func refuse(_ vi: String, _ en: String) -> RegistryError {
                RegistryError(.inputFile, type: "file-error", field: "output", value: path, vi: vi, en: en)
            }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                if isDirectory.boolValue {
                    throw refuse("Không ghi được \(path): đó là một thư mục.", "Cannot write \(path): it is a directory.")
                }
                if access(path, W_OK) != 0 {
                    throw refuse("Không ghi được \(path): tệp không cho phép ghi.", "Cannot write \(path): the file is not writable.")
                }
            }
            let temporary = path + ".partial-\(getpid())"
            guard FileManager.default.createFile(atPath: temporary, contents: nil),
                  let handle = FileHandle(forWritingAtPath: temporary) else {
                throw refuse("Không ghi được tệp \(path) (thư mục không tồn tại hoặc không cho phép ghi).",
                             "Cannot write \(path) (its folder is missing or not writable).")
            }
            self.handle = handle
            self.temporary = temporary
        } else {
            self.handle = FileHandle.standardOutput
            self.temporary = nil
        }
        if excel { buffer.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
    }

    mutating func write(_ chunk: UnsafeBufferPointer<UInt8>) throws {
        if excel {
            for byte in chunk {
                if byte == 0x22 { quoted.toggle() }
                if byte == 0x0A && !quoted { buffer.append(0x0D) }
                buffer.append(byte)
            }
        } else {
            buffer.append(contentsOf: chunk)
        }
        if buffer.count >= 1 << 16 { try flush() }
    }

    private mutating func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    mutating func finish() throws {
        try flush()
        if let temporary, let path {
            try handle.close()
            // rename(2) replaces the old file in one step (never a directory: refused above).
            guard rename(temporary, path) == 0 else {
                throw RegistryError(.inputFile, type: "file-error", field: "output", value: path,
                                    vi: "Không ghi được \(path).", en: "Cannot write \(path).")
            }
        }
    }

    func abandon() {
        if let temporary {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: temporary)
        }
    }
}
