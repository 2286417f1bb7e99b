import Foundation

/// Writes the rejected rows of an import as their ORIGINAL bytes (same encoding, same line
/// ends), under the original header line, so a clerk can fix them and import that file.
/// The file is written whenever it was asked for: with no rejected row it holds the header.
enum RejectsWriter {
    /// `source`: where the original bytes can be read again (the file, or the copy of a pipe);
    /// `lines`: the physical line ranges (first, last) of the rejected records.
    static func write(source: String, detected: DetectedEncoding, lines: [(Int, Int)], to output: OutputFile) throws(RegistryError) {
        guard let input = FileHandle(forReadingAtPath: source) else {
            throw RegistryError(.inputFile, type: "file-error", field: "file", value: source,
                                vi: "Không đọc lại được \(source) để ghi các dòng bị loại.", en: "Cannot read \(source) again to write the rejected rows.")
        }
        defer { try? input.close() }
        var failure: RegistryError?
        var wanted = Set<Int>([1])
        for (first, last) in lines { for line in first...max(first, last) { wanted.insert(line) } }
        let lastWanted = wanted.max() ?? 1
        let unit = detected.encoding == .utf16 ? 2 : 1
        func codeUnit(_ bytes: [UInt8], _ index: Int) -> UInt16 {
            guard unit == 2 else { return UInt16(bytes[index]) }
            guard index + 1 < bytes.count else { return 0xFFFF }
            return detected.bigEndian ? UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1]) : UInt16(bytes[index + 1]) << 8 | UInt16(bytes[index])
        }
        var line = 1
        var current: [UInt8] = []
        var carry: [UInt8] = []
        var afterCR = false
        var buffer: [UInt8] = []
        func endLine() {
            if wanted.contains(line) { buffer.append(contentsOf: current) }
            current.removeAll(keepingCapacity: true)
            line += 1
            if buffer.count > 1 << 20 {
                do { try output.write(buffer) } catch { failure = failure ?? error }
                buffer.removeAll(keepingCapacity: true)
            }
        }
        while failure == nil && line <= lastWanted {
            let data = (try? input.read(upToCount: 1 << 20)) ?? Data()
            if data.isEmpty { break }
            let bytes = carry + [UInt8](data)
            carry = []
            var index = 0
            while index + unit <= bytes.count {
                let value = codeUnit(bytes, index)
                if afterCR && value != 0x0A { endLine() }
                current.append(contentsOf: bytes[index..<index + unit])
                if value == 0x0A { endLine(); afterCR = false } else { afterCR = value == 0x0D }
                index += unit
            }
            carry = Array(bytes[index...])
        }
        current.append(contentsOf: carry)
        if !current.isEmpty && line <= lastWanted { endLine() }
        if let failure { throw failure }
        try output.write(buffer)
    }
}
