/// `khcn import template KIND`: the canonical header and one example row, as CSV.
public enum ImportTemplate {
    public static func csv(_ kind: RecordKind, headers: CSVHeaders = .canonical) -> String {
        let header = ImportColumns.headers(kind, headers)
        return [header, ImportColumns.example(kind)].map { row in
            row.map(quote).joined(separator: ",")
        }.joined(separator: "\n") + "\n"
    }

    /// Every header import accepts for each column, in order (for `khcn import --help`).
    public static func accepted(_ kind: RecordKind) -> [(name: String, aliases: [String], required: Bool)] {
        ImportColumns.columns(kind).map { ($0.name, $0.aliases, $0.required) }
    }

    /// Quotes only where needed (contract §6).
    public static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
