/// How a cell of one column becomes its staged value (contract §6). Each case names its rule,
/// so that the cells most rows hold (names, addresses, tax codes, dates, commune codes) can be
/// read straight from the file's bytes (issue 15: a million rows at well over 100 MB/s), while
/// every other cell, and every cell a rule refuses, takes the text path with its messages.
enum CellRule {
    case text(Int, lineBreaks: Bool = false)
    case taxCode
    case date
    case communeCode
    /// A rule read only through its text path.
    case other((String, DateOrder) throws(CellProblem) -> String?)

    /// The rule on a cell's text: cleaned as the database stores text, then checked. The one
    /// home of each rule's value and message; the byte path below never decides otherwise.
    func parse(_ raw: String, _ order: DateOrder) throws(CellProblem) -> String? {
        switch self {
        case .text(let maxLength, let lineBreaks): try ImportColumns.text(raw, maxLength: maxLength, lineBreaks: lineBreaks)
        case .taxCode: try ImportColumns.taxCode(raw, order)
        case .date: try ImportColumns.date(raw, order)
        case .communeCode: try ImportColumns.communeCode(raw, order)
        case .other(let parse): try parse(raw, order)
        }
    }

    /// The staged value of field `index` of `record`, nil for none. The cells most rows hold
    /// are read from their bytes: plain text (`PlainCell`) within its length, five-digit
    /// commune codes and ten-digit tax codes stay bytes, the two common date shapes become
    /// ISO text at once. Anything else goes through `parse`, so the value or the problem is
    /// the same either way.
    func stage(_ record: CSVRecord, field index: Int, _ order: DateOrder) throws(CellProblem) -> StagedValue? {
        try record.bytes.withUnsafeBufferPointer { bytes in
            Result { () throws(CellProblem) in try stage(bytes, record.range(index), order) }
        }.get()
    }

    /// `stage` of the cell at `range` of a record's `bytes` (for a row's cells in one access).
    func stage(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ order: DateOrder) throws(CellProblem) -> StagedValue? {
        let cell = UnsafeBufferPointer(rebasing: bytes[range])
        switch self {
        case .text(let maxLength, _):
            // Bytes are at least as many as characters: within the limit either way.
            if cell.count <= maxLength && PlainCell.isPlain(cell) { return .cell(range) }
        case .communeCode:
            if cell.count == 5 && cell.allSatisfy(PlainCell.isDigit) { return .cell(range) }
        case .taxCode:
            // Cleaning leaves ten digits as they are, and a valid code is written as read.
            if cell.count == 10 && cell.allSatisfy(PlainCell.isDigit), (try? TaxCode(parsing: String(decoding: cell, as: UTF8.self))) != nil {
                return .cell(range)
            }
        case .date:
            if let iso = CSVDate.iso(cell, order: order) { return .text(iso) }
        case .other:
            break
        }
        return try parse(String(decoding: cell, as: UTF8.self), order).map(StagedValue.text)
    }
}

/// A cell's canonical value as it is staged: the cell's own bytes when its rule leaves them
/// as they are (most cells of a clean file), or the text its rule made.
enum StagedValue {
    /// These bytes of the record, plain (`PlainCell`) or digits: none that COPY escapes.
    case cell(Range<Int>)
    case text(String)
}

/// Cell bytes that the import's cleaning (`ImportColumns.clean`: a neutralising `'` dropped,
/// NFC, trimmed, spaces collapsed, SQL/0016) leaves exactly as they are, and that hold no
/// character contract §4 refuses: printable ASCII with no leading or trailing space and no two
/// spaces in a row, Latin letters below U+0300 (đ, ă, ơ, ư, é) and the precomposed Vietnamese
/// letters U+1E00–U+1EFF; no backslash either, so that COPY text takes the bytes as they are.
/// One pass over the bytes; anything else (a combining mark, a no-break space, a control
/// character, a leading `'`, a `\`) is not plain and takes the text path.
enum PlainCell {
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    static func isPlain(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = cell.first, let last = cell.last, first != 0x20, first != 0x27, last != 0x20 else { return false }
        // Without a branch per byte (names mix letters, spaces and Vietnamese letters at random):
        // each byte's kind from a table, the faults of a byte and its predecessor or-ed together.
        return kinds.withUnsafeBufferPointer { kinds in
            var faults: UInt8 = 0
            var previous: UInt8 = 0
            for byte in cell {
                let kind = kinds[Int(byte)]
                faults |= kind & other
                faults |= previous & kind & space                          // two spaces in a row
                faults |= (previous & vietnamese) & ~(kind >> 2)           // E1 not followed by B8–BB
                previous = kind
            }
            return faults == 0 && previous & vietnamese == 0
        }
    }

    /// A byte's kind, as bits: refused here; a space; E1, the lead byte of U+1000–U+1FFF, which
    /// must be followed by one of B8–BB (U+1E00–U+1EFF: not U+1680 OGHAM SPACE MARK); B8–BB.
    private static let other: UInt8 = 1, space: UInt8 = 2, vietnamese: UInt8 = 4, vietnameseSecond: UInt8 = 1 << 4

    /// What each byte is: ASCII but space and `\`, a continuation byte, a lead byte of
    /// U+00C0–U+02FF are letters (no bit but `vietnameseSecond` for B8–BB); the rest as named.
    private static let kinds: [UInt8] = (0...255).map { (byte: Int) -> UInt8 in
        switch byte {
        case 0xB8...0xBB: vietnameseSecond
        case 0x21...0x5B, 0x5D...0x7E, 0x80...0xBF, 0xC3...0xCB: 0
        case 0x20: space
        case 0xE1: vietnamese
        default: other
        }
    }
}
