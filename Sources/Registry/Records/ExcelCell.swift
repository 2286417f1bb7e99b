/// Contract §6: `export --excel` neutralises cells that a spreadsheet would run as a formula (a
/// leading `=`, `+`, `-`, `@`, tab or CR gets a leading `'`), and import removes that quote
/// again. A stored value that itself starts with quotes before such a character gets one more,
/// so that every value comes back exactly as it was (`'=x` is written `''=x`).
public enum ExcelCell {
    /// `=`, `+`, `-`, `@`, tab, CR.
    static func isTrigger(_ byte: UInt8) -> Bool {
        byte == 0x3D || byte == 0x2B || byte == 0x2D || byte == 0x40 || byte == 0x09 || byte == 0x0D
    }

    /// Whether export writes `'` before `value`: a trigger, after any number of quotes.
    public static func needsQuote(_ value: String) -> Bool {
        value.utf8.drop { $0 == 0x27 }.first.map(isTrigger) ?? false
    }

    /// Whether an imported cell is one that export neutralised (its first `'` is then dropped).
    public static func isNeutralised(_ cell: String) -> Bool {
        let bytes = cell.utf8
        guard bytes.first == 0x27 else { return false }
        return bytes.dropFirst().drop { $0 == 0x27 }.first.map(isTrigger) ?? false
    }

    /// `needsQuote` as a PostgreSQL regular expression, for the export's COPY statement.
    static let sqlPattern = #"^'*[-=+@\t\r]"#
}
