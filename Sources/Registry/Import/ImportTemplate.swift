/// `khcn import template KIND`: the canonical header and one example row, as CSV.
public enum ImportTemplate {
    public static func csv(_ kind: RecordKind, headers: CSVHeaders = .canonical) -> String {
        let header = ImportColumns.headers(kind, headers)
        return [header, ImportColumns.example(kind)].map { row in
            row.map(quote).joined(separator: ",")
        }.joined(separator: "\n") + "\n"
    }

    /// Quotes only where needed (contract §6).
    public static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
