import Postgres

/// Writes the canonical CSV of a kind (contract §6): UTF-8, `,`, LF, quoting only where
/// needed, ISO dates, the §6 columns in order, rows ordered by natural key. Streams through
/// `COPY … TO STDOUT`, so memory stays flat whatever the registry's size.
public struct Exporter {
    let session: RegistrySession

    public init(_ session: RegistrySession) { self.session = session }

    /// The statement that produces the CSV. COPY takes no parameters, so the province is
    /// written in as a literal quoted by libpq (`copyOut(Query)`), never pasted by hand.
    /// For Excel, a cell a spreadsheet would run as a formula gets a leading `'` (§6, `ExcelCell`).
    /// With `headers: .vietnamese` the header line holds the Vietnamese names import accepts;
    /// they are our own words (never user text), written as quoted identifiers.
    func copyStatement(_ kind: RecordKind, excel: Bool = false, headers: CSVHeaders = .canonical) -> Query {
        let names = Dictionary(zip(ImportColumns.columns(kind).map(\.name), ImportColumns.headers(kind, headers)), uniquingKeysWith: { a, _ in a })
        let columns = kind.columns.map { column in
            let name = names[column] ?? column
            let alias = headers == .canonical ? column : "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            let value = kind.listColumns.contains(column) ? "nullif(array_to_string(\(column), '|'), '')" : column
            guard excel else { return value == column && alias == column ? column : "\(value) AS \(alias)" }
            let text = "(\(value))::text"
            let pattern = ExcelCell.sqlPattern.replacingOccurrences(of: "'", with: "''")
            return "CASE WHEN \(text) ~ '\(pattern)' THEN '''' || \(text) ELSE \(text) END AS \(alias)"
        }
        return """
            COPY (SELECT \(sql: columns.joined(separator: ", ")) FROM \(sql: kind.view)
                   WHERE province_code = \(session.province)
                   ORDER BY \(sql: kind.exportOrder))
            TO STDOUT WITH (FORMAT csv, HEADER true, ENCODING 'UTF8')
            """
    }

    /// Hands the CSV to `write` chunk by chunk.
    public func export(_ kind: RecordKind, excel: Bool = false, headers: CSVHeaders = .canonical,
                       _ write: (UnsafeBufferPointer<UInt8>) throws -> Void) throws(RegistryError) {
        try session.read { try session.connection.copyOut(copyStatement(kind, excel: excel, headers: headers), write) }
    }
}
