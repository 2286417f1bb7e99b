/// One thing wrong with an imported file, located exactly (contract §6): the physical line
/// where the record starts (the header is line 1), the data record number, the field and
/// value, and what would be right, in Vietnamese and English.
public struct ImportProblem: Error, Sendable, Equatable {
    public enum Kind: String, Sendable {
        case encoding = "encoding-error"
        case format = "format-error"
        case header = "header-error"
        case missingCell = "missing-cell"
        case type = "type-error"
        case constraint = "constraint-error"
        case unique = "unique-error"
        case foreignKey = "foreign-key-error"
    }

    public var kind: Kind
    public var line: Int?
    public var record: Int?
    public var field: String?
    public var value: String?
    public var vietnamese: String
    public var english: String
    /// The database rule (constraint name) that a Swift pre-check refused the row for, so the
    /// pre-check and its home in the schema can be compared; not shown to the clerk.
    var rule: String?

    public init(_ kind: Kind, line: Int? = nil, record: Int? = nil, field: String? = nil, value: String? = nil, vi: String, en: String) {
        self.kind = kind
        self.line = line
        self.record = record
        self.field = field
        self.value = value
        self.vietnamese = vi
        self.english = en
    }

    /// Problems that concern the whole file stop the import before any row is read.
    public var isFileLevel: Bool { [.encoding, .format, .header].contains(kind) }
}
