/// One record of a CSV file with where it came from. Its fields stay UTF-8 bytes, one buffer
/// for the whole record, so that a million rows cost no `String` per field (issue 15: reading
/// at well over 100 MB/s); a cell becomes text only where a rule or a message needs it.
struct CSVRecord {
    /// Physical line where the record starts (the header is line 1).
    var line: Int
    /// Physical line where it ends (a quoted field may hold line breaks).
    var endLine: Int
    /// 1-based data record number (0 for the header).
    var number: Int
    /// The fields' bytes, one after the other, quotes and doubled quotes already undone.
    var bytes: [UInt8]
    /// Where each field ends in `bytes`: field i is `bytes[ends[i - 1] ..< ends[i]]`.
    var ends: [Int]

    /// How many fields the record has.
    var count: Int { ends.count }

    /// Where field `index` lies in `bytes`.
    func range(_ index: Int) -> Range<Int> { (index == 0 ? 0 : ends[index - 1])..<ends[index] }

    /// Field `index` as text (bytes that are not UTF-8 read as U+FFFD).
    func field(_ index: Int) -> String { String(decoding: bytes[range(index)], as: UTF8.self) }

    /// Every field as text: for the header and for messages, not for each row.
    var fields: [String] { (0..<count).map(field) }
}

/// A streaming RFC 4180 parser over UTF-8 chunks: `,` `;` or tab; LF, CRLF or CR line ends;
/// quoted fields with delimiters, doubled quotes and line breaks inside. Memory holds one
/// record at a time, whatever the file's size. Blank lines are skipped. Runs of ordinary bytes
/// are copied at once; only delimiters, quotes and line ends go through the state machine.
struct CSVParser {
    /// No register's record comes near this (17 columns of at most 2,000 characters); a longer
    /// one is a quote left open or not a CSV file, and reading on would hold the whole file in
    /// memory (contract §8: under 100 MB whatever the file's size; issue 10: bounded on any input).
    static let maxRecordBytes = 1 << 20

    let delimiter: UInt8
    let maxRecordBytes: Int
    /// The current record's bytes: its finished fields, then the field being read.
    private var bytes: [UInt8] = []
    /// Where each finished field of the current record ends in `bytes`.
    private var ends: [Int] = []
    /// Where the field being read starts in `bytes`.
    private var fieldStart = 0
    private var inQuotes = false
    private var afterClosingQuote = false
    private var fieldWasQuoted = false
    private var pendingCR = false
    private var line = 1
    private var recordLine = 1
    private var quoteLine = 1
    private var records = 0
    private var recordHasContent = false

    /// Bytes of the record so far, counting one delimiter after each finished field: what
    /// `maxRecordBytes` bounds.
    private var recordSize: Int { bytes.count + ends.count }
    private var fieldIsEmpty: Bool { bytes.count == fieldStart }

    /// The bytes that end a run inside quotes, and outside (each repeated across a word).
    private let quotedStops: SIMD4<UInt64>
    private let plainStops: SIMD4<UInt64>

    init(delimiter: UInt8, maxRecordBytes: Int = CSVParser.maxRecordBytes) {
        self.delimiter = delimiter
        self.maxRecordBytes = maxRecordBytes
        quotedStops = SIMD4(CSVParser.repeated(0x22), CSVParser.repeated(0x22), CSVParser.repeated(0x0A), CSVParser.repeated(0x0D))
        plainStops = SIMD4(CSVParser.repeated(delimiter), CSVParser.repeated(0x22), CSVParser.repeated(0x0A), CSVParser.repeated(0x0D))
    }

    /// Feeds a chunk; calls `emit` for every complete record.
    mutating func feed(_ chunk: [UInt8], _ emit: (CSVRecord) throws -> Void) throws {
        try chunk.withUnsafeBufferPointer { input in
            var index = 0
            while index < input.count {
                let byte = input[index]
                if pendingCR {
                    pendingCR = false
                    if byte == 0x0A { index += 1; continue }   // the LF of a CRLF already ended the record
                }
                if inQuotes {
                    if byte == 0x22 {
                        inQuotes = false
                        afterClosingQuote = true
                    } else if byte == 0x0A || byte == 0x0D {
                        bytes.append(byte)
                        if recordSize > maxRecordBytes { throw tooLong() }
                        if byte == 0x0D || bytes.count - fieldStart < 2 || bytes[bytes.count - 2] != 0x0D { line += 1 }
                    } else {
                        // A run of quoted text up to the next quote or line end.
                        let end = scan(input, from: index, stops: quotedStops) { $0 != 0x22 && $0 != 0x0A && $0 != 0x0D }
                        try appendRun(input, index..<end)
                        index = end
                        continue
                    }
                    index += 1
                    continue
                }
                if afterClosingQuote {
                    if byte == 0x22 {             // doubled quote: a literal "
                        bytes.append(0x22)
                        inQuotes = true
                        if recordSize > maxRecordBytes { throw tooLong() }
                        afterClosingQuote = false
                        index += 1
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
                    if recordSize > maxRecordBytes { throw tooLong() }
                case 0x0A:
                    try endRecord(emit)
                    line += 1
                case 0x0D:
                    try endRecord(emit)
                    line += 1
                    pendingCR = true
                case 0x22 where fieldIsEmpty && !fieldWasQuoted:
                    inQuotes = true
                    fieldWasQuoted = true
                    quoteLine = line
                    recordHasContent = true
                default:
                    // A run of plain text up to the next delimiter, quote or line end (a quote
                    // inside an unquoted field is a literal one).
                    let delimiter = delimiter
                    let end = scan(input, from: index + 1, stops: plainStops) { $0 != delimiter && $0 != 0x0A && $0 != 0x0D && $0 != 0x22 }
                    recordHasContent = true
                    try appendRun(input, index..<end)
                    index = end
                    continue
                }
                index += 1
            }
        }
    }

    /// The end of the run of bytes from `start` that `ordinary` accepts: eight bytes at a time
    /// while none of them is one of `stops` (the bytes `ordinary` refuses), then byte by byte.
    @inline(__always)
    private func scan(_ input: UnsafeBufferPointer<UInt8>, from start: Int, stops: SIMD4<UInt64>, _ ordinary: (UInt8) -> Bool) -> Int {
        var end = start
        let words = UnsafeRawBufferPointer(input)
        while end + 8 <= input.count {
            // A zero byte in word ^ stop, for each stop: the classic test, exact as a yes or no.
            let matched = SIMD4(repeating: words.loadUnaligned(fromByteOffset: end, as: UInt64.self)) ^ stops
            let found = (matched &- 0x0101_0101_0101_0101) & ~matched & 0x8080_8080_8080_8080
            if found != .zero { break }
            end += 8
        }
        while end < input.count && ordinary(input[end]) { end += 1 }
        return end
    }

    /// `byte` in each of a word's eight bytes.
    private static func repeated(_ byte: UInt8) -> UInt64 { UInt64(byte) &* 0x0101_0101_0101_0101 }

    /// Copies a run of field bytes at once; a record past the limit is refused as soon as it
    /// outgrows it, as it was byte by byte.
    private mutating func appendRun(_ input: UnsafeBufferPointer<UInt8>, _ run: Range<Int>) throws {
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: input[run]))
        if recordSize > maxRecordBytes { throw tooLong() }
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
        ends.append(bytes.count)
        fieldStart = bytes.count
        fieldWasQuoted = false
        afterClosingQuote = false
    }

    private mutating func endRecord(_ emit: (CSVRecord) throws -> Void) throws {
        let blank = ends.isEmpty && fieldIsEmpty && !recordHasContent
        if !blank {
            endField()
            let number = records
            records += 1
            try emit(CSVRecord(line: recordLine, endLine: line, number: number, bytes: bytes, ends: ends))
        }
        // Emitted records are not kept, so the buffers are reused (no allocation per record).
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        fieldStart = 0
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
