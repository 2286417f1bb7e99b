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
        // A row is found by its key (a b-tree), or by its owner's tax code or a rekey's old key,
        // which only rows with more than one key hold (a GIN of those rows alone: SQL/0045).
        let rows = try session.read {
            try session.connection.query(
                """
                WITH RECURSIVE linked(k) AS (
                    SELECT unnest(\(keys)::text[])
                    UNION
                    SELECT unnest(a.keys) FROM audit_log a
                      JOIN linked l ON a.key = l.k OR (cardinality(a.keys) > 1 AND a.keys @> ARRAY[l.k])
                     WHERE a.kind = 'enterprise' AND a.action = 'update'
                       AND a.province_code = \(session.province)
                       AND a.old ->> 'tax_code' IS DISTINCT FROM a.new ->> 'tax_code'
                )
                SELECT to_char(at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD"T"HH24:MI:SS"+07:00"') AS at,
                       kind, key, action, actor, db_user, reason, legal_ref, batch, old::text AS old, new::text AS new
                  FROM audit_log
                 WHERE (key = ANY (ARRAY(SELECT k FROM linked))
                        OR (cardinality(keys) > 1 AND keys && ARRAY(SELECT k FROM linked)))
                   AND (province_code = \(session.province) OR province_code IS NULL)
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
