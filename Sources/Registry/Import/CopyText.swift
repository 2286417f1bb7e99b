/// Rows in the text format of `COPY … FROM STDIN`: tab-separated, `\N` for NULL, backslash
/// escapes. Written byte by byte, because formatting a million rows through `String` would
/// cost more than sending them (contract §8's import ratio).
enum CopyText {
    /// Appends one staged row: the record's first and last physical line, its number, then
    /// the canonical values in column order.
    static func append(_ record: CSVRecord, values: [String?], to output: inout [UInt8]) {
        output.append(contentsOf: String(record.line).utf8)
        output.append(0x09)
        output.append(contentsOf: String(record.endLine).utf8)
        output.append(0x09)
        output.append(contentsOf: String(record.number).utf8)
        for value in values {
            output.append(0x09)
            guard let value else {
                output.append(contentsOf: [0x5C, 0x4E])
                continue
            }
            for byte in value.utf8 {
                switch byte {
                case 0x5C: output.append(contentsOf: [0x5C, 0x5C])
                case 0x09: output.append(contentsOf: [0x5C, 0x74])
                case 0x0A: output.append(contentsOf: [0x5C, 0x6E])
                case 0x0D: output.append(contentsOf: [0x5C, 0x72])
                default: output.append(byte)
                }
            }
        }
        output.append(0x0A)
    }
}
