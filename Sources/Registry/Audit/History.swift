/// One change in the audit trail, as `khcn history` shows it.
public struct Change: Sendable {
    /// RFC 3339 with +07:00.
    public let at: String
    public let kind: String
    public let key: String
    public let action: String
    public let actor: String
    public let dbUser: String
    public let reason: String?
    public let legalRef: String?
    public let batch: Int?
    /// The row before and after, as JSON text with §6 column names (nil for insert/delete).
    public let oldJSON: String?
    public let newJSON: String?
}

/// Reads the audit trail: the full story of a key, following rekeys both ways.
public struct History {
    let session: RegistrySession

    public init(_ session: RegistrySession) { self.session = session }

    /// Every change to the records with this key, in every kind, oldest first. A tax code also
    /// gives the records that belong to that enterprise, and the story under its former codes.
    public func changes(key rawKey: String) throws(RegistryError) -> [Change] {
        // The key as typed, and as stored where a kind normalises it (tax codes; GI numbers are
        // padded: 86 → 00086).
        var candidates = [rawKey.trimmingWhitespace()]
        if let taxCode = try? TaxCode(parsing: rawKey) { candidates.append(taxCode.description) }
        if let gi = try? GIRegister.certificateNumber(rawKey) { candidates.append(gi) }
        let keys = Array(Set(candidates))
        // The rows' ids come from khcn_audit_history_ids (SQL/definitions/04_audit.sql: the keys
        // followed through rekeys, found through the indexes, in this province or none); the rows
        // are read under the policy.
        let rows = try session.read {
            try session.connection.query(
                """
                SELECT to_char(at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD"T"HH24:MI:SS"+07:00"') AS at,
                       kind, key, action, actor, db_user, reason, legal_ref, batch, old::text AS old, new::text AS new
                  FROM audit_log
                 WHERE id = ANY (ARRAY(SELECT khcn_audit_history_ids(\(session.province), \(keys)::text[])))
                 ORDER BY id
                """).rows.map { row in
                    Change(at: try row.decode("at"), kind: try row.decode("kind"), key: try row.decode("key"),
                           action: try row.decode("action"), actor: try row.decode("actor"), dbUser: try row.decode("db_user"),
                           reason: row["reason"], legalRef: row["legal_ref"], batch: try row.decodeIfPresent("batch"),
                           oldJSON: row["old"], newJSON: row["new"])
                }
        }
        return rows
    }
}
