/// Rows in the text format of `COPY … FROM STDIN`: tab-separated, `\N` for NULL, backslash
/// escapes. Written as bytes, a cell's run of ordinary bytes copied at once, because
/// formatting a million rows through `String` would cost more than sending them (contract
/// §8's import ratio).
enum CopyText {
    /// Appends one staged row: the record's first and last physical line, its number, then
    /// the canonical values in column order.
    static func append(_ record: CSVRecord, values: [StagedValue?], to output: inout [UInt8]) {
        appendDecimal(record.line, to: &output)
        output.append(0x09)
        appendDecimal(record.endLine, to: &output)
        output.append(0x09)
        appendDecimal(record.number, to: &output)
        for value in values {
            output.append(0x09)
            switch value {
            case nil:
                output.append(0x5C)
                output.append(0x4E)
            case .cell(let range):
                output.append(contentsOf: record.bytes[range])   // nothing to escape (`StagedValue.cell`)
            case .text(var text):
                text.withUTF8 { appendEscaped($0, to: &output) }
            }
        }
        output.append(0x0A)
    }

    /// The bytes with `\` tab LF CR escaped, ordinary runs appended whole.
    static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        var start = 0
        for index in bytes.indices {
            let escape: UInt8
            switch bytes[index] {
            case 0x5C: escape = 0x5C
            case 0x09: escape = 0x74
            case 0x0A: escape = 0x6E
            case 0x0D: escape = 0x72
            default: continue
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
            output.append(0x5C)
            output.append(escape)
            start = index + 1
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
    }

    /// A non-negative number in decimal digits, without making a `String`.
    static func appendDecimal(_ value: Int, to output: inout [UInt8]) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value.magnitude
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[19 - count] = UInt8(truncatingIfNeeded: rest % 10) + 0x30
                rest /= 10
                count += 1
            } while rest > 0
            if value < 0 { output.append(0x2D) }
            output.append(contentsOf: buffer[(20 - count)...])
        }
    }
}
