/// One record of a CSV file with where it came from.
struct CSVRecord {
    /// Physical line where the record starts (the header is line 1).
    var line: Int
    /// Physical line where it ends (a quoted field may hold line breaks).
    var endLine: Int
    /// 1-based data record number (0 for the header).
    var number: Int
    var fields: [String]
}

/// A streaming RFC 4180 parser over UTF-8 chunks: `,` `;` or tab; LF, CRLF or CR line ends;
/// quoted fields with delimiters, doubled quotes and line breaks inside. Memory holds one
/// record at a time, whatever the file's size. Blank lines are skipped.
struct CSVParser {
    /// No register's record comes near this (17 columns of at most 2,000 characters); a longer
    /// one is a quote left open or not a CSV file, and reading on would hold the whole file in
    /// memory (contract §8: under 100 MB whatever the file's size; issue 10: bounded on any input).
    static let maxRecordBytes = 1 << 20

    let delimiter: UInt8
    let maxRecordBytes: Int
    /// Bytes of the current record's finished fields, each with its delimiter.
    private var recordBytes = 0
    private var field: [UInt8] = []
    private var fields: [String] = []
    private var inQuotes = false
    private var afterClosingQuote = false
    private var fieldWasQuoted = false
    private var pendingCR = false
    private var line = 1
    private var recordLine = 1
    private var quoteLine = 1
    private var records = 0
    private var recordHasContent = false

    init(delimiter: UInt8, maxRecordBytes: Int = CSVParser.maxRecordBytes) {
        self.delimiter = delimiter
        self.maxRecordBytes = maxRecordBytes
    }

    /// Feeds a chunk; calls `emit` for every complete record.
    mutating func feed(_ bytes: [UInt8], _ emit: (CSVRecord) throws -> Void) throws {
        for byte in bytes {
            if pendingCR {
                pendingCR = false
                if byte == 0x0A { continue }   // the LF of a CRLF already ended the record
            }
            if inQuotes {
                if byte == 0x22 {
                    inQuotes = false
                    afterClosingQuote = true
                } else {
                    field.append(byte)
                    if recordBytes + field.count > maxRecordBytes { throw tooLong() }
                    if byte == 0x0A {
                        if field.count < 2 || field[field.count - 2] != 0x0D { line += 1 }
                    } else if byte == 0x0D {
                        line += 1
                    }
                }
                continue
            }
            if afterClosingQuote {
                if byte == 0x22 {             // doubled quote: a literal "
                    field.append(0x22)
                    inQuotes = true
                    if recordBytes + field.count > maxRecordBytes { throw tooLong() }
                    afterClosingQuote = false
                    continue
                }
                afterClosingQuote = false
                if byte != delimiter && byte != 0x0A && byte != 0x0D {
                    throw ImportProblem(
                        .format, line: recordLine, record: records + 1,
                        vi: "Dòng \(line): có ký tự sau dấu ngoặc kép đóng của một ô (ô có ngoặc kép phải kết thúc ngay sau dấu \" đóng; dấu \" bên trong ô viết là \"\").",
                        en: "Line \(line): text follows the closing quote of a field (a quoted field must end right after its closing \"; a \" inside is written \"\").")
                }
            }
            switch byte {
            case delimiter:
                endField()
                if recordBytes > maxRecordBytes { throw tooLong() }
            case 0x0A:
                try endRecord(emit)
                line += 1
            case 0x0D:
                try endRecord(emit)
                line += 1
                pendingCR = true
            case 0x22 where field.isEmpty && !fieldWasQuoted:
                inQuotes = true
                fieldWasQuoted = true
                quoteLine = line
                recordHasContent = true
            default:
                field.append(byte)
                recordHasContent = true
                if recordBytes + field.count > maxRecordBytes { throw tooLong() }
            }
        }
    }

    /// Ends the input: a quote still open is a format error naming the line where it began.
    mutating func finish(_ emit: (CSVRecord) throws -> Void) throws {
        if inQuotes {
            throw ImportProblem(
                .format, line: recordLine, record: records + 1,
                vi: "Dấu ngoặc kép mở ở dòng \(quoteLine) không bao giờ được đóng: tệp bị cắt hoặc thiếu dấu \".",
                en: "The quote opened on line \(quoteLine) is never closed: the file is cut short or a \" is missing.")
        }
        try endRecord(emit)
    }

    private func tooLong() -> ImportProblem {
        let size = "\(maxRecordBytes >> 10) KiB"
        return inQuotes
            ? ImportProblem(
                .format, line: recordLine, record: records + 1,
                vi: "Bản ghi bắt đầu ở dòng \(recordLine) dài hơn \(size): có lẽ dấu ngoặc kép mở ở dòng \(quoteLine) không bao giờ được đóng (thiếu dấu \").",
                en: "The record starting on line \(recordLine) is longer than \(size): the quote opened on line \(quoteLine) is probably never closed (a \" is missing).")
            : ImportProblem(
                .format, line: recordLine, record: records + 1,
                vi: "Bản ghi bắt đầu ở dòng \(recordLine) dài hơn \(size), dài hơn mọi bản ghi của sổ đăng ký: tệp có đúng là CSV không?",
                en: "The record starting on line \(recordLine) is longer than \(size), longer than any record of a register: is this really a CSV file?")
    }

    private mutating func endField() {
        recordBytes += field.count + 1
        fields.append(String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
        fieldWasQuoted = false
        afterClosingQuote = false
    }

    private mutating func endRecord(_ emit: (CSVRecord) throws -> Void) throws {
        let blank = fields.isEmpty && field.isEmpty && !recordHasContent
        if !blank {
            endField()
            let number = records
            records += 1
            try emit(CSVRecord(line: recordLine, endLine: line, number: number, fields: fields))
        }
        fields.removeAll(keepingCapacity: true)
        field.removeAll(keepingCapacity: true)
        recordBytes = 0
        fieldWasQuoted = false
        afterClosingQuote = false
        recordHasContent = false
        recordLine = line + 1
    }

    /// Picks the delimiter from the header line: the most frequent of `,` `;` tab outside quotes.
    static func detectDelimiter(_ bytes: [UInt8]) -> UInt8 {
        var counts: [UInt8: Int] = [0x2C: 0, 0x3B: 0, 0x09: 0]
        var quoted = false
        for byte in bytes {
            if byte == 0x22 { quoted.toggle(); continue }
            if !quoted && (byte == 0x0A || byte == 0x0D) { break }
            if !quoted, counts[byte] != nil { counts[byte]! += 1 }
        }
        let best = counts.max { ($0.value, $0.key == 0x2C ? 1 : 0) < ($1.value, $1.key == 0x2C ? 1 : 0) }!
        return best.value == 0 ? 0x2C : best.key
    }
}
