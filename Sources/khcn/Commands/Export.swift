import ArgumentParser
import Foundation
import Registry

/// `khcn export KIND`: the canonical CSV of contract §6, byte for byte, so that exports diff.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write the canonical CSV of a kind (contract §6).")

    @Argument(help: "enterprises, certificates, funds, fund-allocations, ip or gi.") var kind: FileKindArgument
    @Option(help: "Write to this file instead of standard output (written whole or not at all).") var output: String?
    @Flag(help: "Add a BOM and CRLF line ends so that Excel shows Vietnamese correctly.") var excel = false
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let out = global.printer
        let session = try global.openRegistry()
        var sink = try CSVSink(path: output, excel: excel)
        do {
            try Exporter(session).export(kind.kind) { chunk in try sink.write(chunk) }
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

/// Where the CSV goes: standard output, or a temporary file renamed into place at the end, so
/// that a failed export never leaves half a file.
struct CSVSink {
    let path: String?
    let excel: Bool
    private var handle: FileHandle
    private let temporary: String?
    private var buffer: [UInt8] = []

    init(path: String?, excel: Bool) throws(RegistryError) {
        self.path = path
        self.excel = excel
        if let path {
            let temporary = path + ".partial-\(getpid())"
            guard FileManager.default.createFile(atPath: temporary, contents: nil),
                  let handle = FileHandle(forWritingAtPath: temporary) else {
                throw RegistryError(.inputFile, type: "file-error", field: "output", value: path,
                                    vi: "Không ghi được tệp \(path).", en: "Cannot write \(path).")
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
                if byte == 0x0A { buffer.append(0x0D) }
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
            _ = try? FileManager.default.removeItem(atPath: path)
            try FileManager.default.moveItem(atPath: temporary, toPath: path)
        }
    }

    func abandon() {
        if let temporary {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: temporary)
        }
    }
}
