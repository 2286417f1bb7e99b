import Postgres

extension Query {
    /// Transitional, for the statements not yet rewritten as interpolation (issue 13): `sql`
    /// with hand-numbered placeholders, each replaced by its value from `parameters` as a bound
    /// value of its own, so that the result composes with other queries. Delete with its last
    /// caller.
    @available(*, deprecated, message: "interpolate the values instead of numbering them by hand")
    static func numbered(_ sql: String, _ parameters: [(any PostgresBindable)?]) -> Query {
        var query = Query(sql: "")
        var text = ""
        var rest = Substring(sql)
        while let dollar = rest.firstIndex(of: "$") {
            let digits = rest[rest.index(after: dollar)...].prefix { $0.isASCII && $0.isNumber }
            guard let position = Int(digits), (1...parameters.count).contains(position) else {
                text += rest[...dollar]
                rest = rest[rest.index(after: dollar)...]
                continue
            }
            text += rest[..<dollar]
            query += Query(sql: text) + "\(parameters[position - 1]?.postgresText)"
            text = ""
            rest = rest[digits.endIndex...]
        }
        return query + Query(sql: text + rest)
    }
}
