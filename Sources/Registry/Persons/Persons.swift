/// A person who applies for IP titles, as the login may see them (initials for a viewer).
public struct PersonSummary: Sendable {
    public let id: Int
    public let name: String
    public let erased: Bool
}

/// Persons (Law 91/2025/QH15 on personal data protection; contract §9). A person's name lives
/// in one place, `person`, read through the view `person_visible`; everything else refers to
/// the person by id (SQL/0023), so erasing the name leaves the sealed audit trail intact.
public struct Persons {
    let session: RegistrySession

    public init(_ session: RegistrySession) { self.session = session }

    /// The persons a `NAME|ID` argument names: an id, else names equal to it ignoring case and
    /// diacritics, else names containing it. Several matches are for the caller to list.
    public func matching(_ argument: String) throws(RegistryError) -> [PersonSummary] {
        let text = argument.trimmingWhitespace()
        // An argument of 1–18 digits is an id (bigint holds 18 digits whatever they are).
        let id = (1...18).contains(text.utf8.count) && text.utf8.allSatisfy({ (48...57).contains($0) }) ? Int(text) : nil
        let rows = try session.read {
            try session.connection.query(
                """
                WITH visible AS (SELECT * FROM person_visible WHERE province_code = \(session.province)),
                by_id AS (SELECT * FROM visible WHERE id = \(id)::bigint),
                exact AS (SELECT * FROM visible WHERE khcn_fold(name) = khcn_fold(\(text))),
                partial AS (SELECT * FROM visible WHERE khcn_fold(name) LIKE '%' || khcn_fold(\(text)) || '%')
                SELECT id, name, erased FROM (
                    SELECT *, 1 AS rank FROM by_id
                    UNION ALL SELECT *, 2 FROM exact WHERE NOT EXISTS (SELECT 1 FROM by_id)
                    UNION ALL SELECT *, 3 FROM partial WHERE NOT EXISTS (SELECT 1 FROM by_id) AND NOT EXISTS (SELECT 1 FROM exact)) m
                 ORDER BY id
                """).rows
        }
        return try session.read { try rows.map { PersonSummary(id: try $0.decode("id"), name: $0["name"] ?? "", erased: try $0.decode("erased")) } }
    }

    /// Exactly one person, or exit 3 (none) / 65 (several, listed in the message).
    public func one(_ argument: String) throws(RegistryError) -> PersonSummary {
        let found = try matching(argument)
        if found.isEmpty {
            throw RegistryError.notFound("person", argument, vi: "Không có cá nhân nào khớp “\(argument)”.",
                                         en: "No person matches “\(argument)”.")
        }
        if found.count > 1 {
            let list = found.map { "#\($0.id) \($0.name)" }.joined(separator: "; ")
            throw RegistryError(.rule, type: "ambiguous-error", field: "person", value: argument,
                                vi: "“\(argument)” khớp nhiều cá nhân: \(list). Hãy ghi mã số (ID).",
                                en: "“\(argument)” fits several persons: \(list). Give the id.")
        }
        return found[0]
    }

    /// Everything held about a person, as one JSON object: id, name (as the login may see it),
    /// whether and when erased, the applications naming them, and the changes to the person.
    public func file(_ id: Int) throws(RegistryError) -> String {
        try session.read {
            try session.connection.query(
                """
                SELECT json_build_object(
                    'id', p.id, 'name', p.name, 'province_code', p.province_code, 'erased', p.erased,
                    'erased_at', to_char(p.erased_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD"T"HH24:MI:SS"+07:00"'),
                    'ip_applications', (SELECT coalesce(json_agg(json_build_object(
                            'application_number', v.application_number, 'kind', v.kind, 'filed_on', v.filed_on,
                            'title', v.title, 'status', ip_status_on(v.province_code, v.application_number, \(session.today)::date))
                            ORDER BY v.application_number), '[]')
                          FROM ip_canonical v WHERE v.province_code = p.province_code AND v.applicant_person_id = p.id),
                    'changes', (SELECT coalesce(json_agg(json_build_object(
                            'at', to_char(a.at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD"T"HH24:MI:SS"+07:00"'),
                            'action', a.action, 'actor', a.actor, 'db_user', a.db_user, 'reason', a.reason) ORDER BY a.id), '[]')
                          FROM audit_log a WHERE a.kind = 'person' AND a.key = p.id::text
                           AND a.province_code = p.province_code))::text AS file
                  FROM person_visible p WHERE p.province_code = \(session.province) AND p.id = \(id)::bigint
                """).scalar ?? "{}"
        }
    }

    /// Replaces the person's name with a pseudonym everywhere it is held (one cell, SQL/0023);
    /// returns the pseudonym. The reason is kept in the audit trail, with the name replaced.
    public func erase(_ id: Int, context: ChangeContext) throws(RegistryError) -> String {
        try session.write(context) {
            try session.connection.query("SELECT khcn_person_erase(\(id)::bigint) AS pseudonym").scalar ?? ""
        }
    }
}
