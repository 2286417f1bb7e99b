import Foundation
import Registry

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
