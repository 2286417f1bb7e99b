/// The rows of one statement, every value in PostgreSQL's text format (`nil` for SQL NULL).
///
/// Text format keeps the wrapper independent of type OIDs; the caller knows what it selected.
public struct QueryResult: Sendable {
    public let columns: [String]
    public let rows: [[String?]]
    /// The command tag, e.g. `INSERT 0 1` or `UPDATE 3`.
    public let commandTag: String
    /// Rows affected by INSERT/UPDATE/DELETE/COPY, 0 when not applicable.
    public let affectedRows: Int

    public init(columns: [String], rows: [[String?]], commandTag: String, affectedRows: Int) {
        self.columns = columns
        self.rows = rows
        self.commandTag = commandTag
        self.affectedRows = affectedRows
    }

    /// Named access to the rows.
    public var records: [Record] {
        let index = Dictionary(columns.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return rows.map { Record(values: $0, index: index) }
    }

    /// The first column of the first row, or nil.
    public var scalar: String? { rows.first.flatMap { $0.first ?? nil } }
}

/// One row with access by column name.
public struct Record: Sendable {
    public let values: [String?]
    let index: [String: Int]

    public subscript(_ column: String) -> String? {
        guard let position = index[column] else {
            preconditionFailure("column \(column) was not selected")
        }
        return values[position]
    }
}
