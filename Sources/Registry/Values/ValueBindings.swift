import Postgres

// How the registry's values travel to and from PostgreSQL (text format). Kept apart from the
// types themselves so that the parsers (TaxCode, CivilDate, Money) build without the database
// layers: `Scripts/fuzz` compiles them alone.

/// Bound as ISO text (cast `::date` in SQL); sessions set `datestyle` to ISO, so dates come
/// back the same way.
extension CivilDate: PostgresBindable, PostgresDecodable {
    public var postgresText: String? { description }
    public init?(postgresText: String) { self.init(iso: postgresText) }
}

/// Bound as integer đồng (cast `::bigint` in SQL).
extension Money: PostgresBindable, PostgresDecodable {
    public var postgresText: String? { String(dong) }
    public init?(postgresText: String) {
        guard let dong = Int64(postgresText) else { return nil }
        self.init(dong: dong)
    }
}

/// Bound as its written form (`0100109106` or `0100109106-001`), the form stored and checked
/// by `khcn_tax_code_is_valid`; read back only from columns that constraint guards.
extension TaxCode: PostgresBindable, PostgresDecodable {
    public var postgresText: String? { description }
    public init?(postgresText: String) {
        guard let code = try? TaxCode(parsing: postgresText) else { return nil }
        self = code
    }
}
