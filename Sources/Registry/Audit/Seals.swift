import Postgres

/// One link of the audit trail's seal chain (contract §9): the id range it covers, how many
/// rows, when, and the SHA-256 over the previous seal's hash and those rows' canonical text.
public struct Seal: Sendable, Equatable {
    public let id: Int
    public let fromID: Int
    public let toID: Int
    public let count: Int
    /// RFC 3339, +07:00.
    public let sealedAt: String
    public let hash: String
}

/// What `audit verify` found: intact, or the first row changed, removed or inserted in a
/// sealed range, a seal whose own fields were altered, or a known hash no longer in the chain.
public struct SealVerification: Sendable {
    public enum Difference: String, Sendable {
        case changed, removed, inserted
        case seal
        case notInChain = "not-in-chain"
    }

    public let intact: Bool
    public let seals: Int
    public let rows: Int
    public let differenceID: Int?
    public let difference: Difference?
    /// The seal whose range holds the difference (nil for `not-in-chain`).
    public let differenceSeal: Int?
    /// The known hash that is no longer in the chain.
    public let missingHash: String?
}

/// The latest seal as a printed report shows it, and how many audit rows came after it.
public struct LatestSeal: Sendable {
    public let seal: (id: Int, hash: String, sealedAt: String)
    public let rowsAfter: Int
}

/// Seals and verifies the audit trail. Both run in the database with the owner's rights
/// (SQL/0022), so a login learns nothing about rows it may not read beyond ids and counts.
public struct Seals {
    let session: RegistrySession

    public init(_ session: RegistrySession) { self.session = session }

    /// `sealed_at` as RFC 3339 with +07:00, under the same name.
    static let timestamp = "to_char(sealed_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD\"T\"HH24:MI:SS\"+07:00\"') AS sealed_at"

    /// Seals the rows written since the last seal whose transactions have all ended; nil when
    /// there is nothing new to seal.
    public func seal() throws(RegistryError) -> Seal? {
        try session.read {
            try session.connection.transaction {
                try session.connection.query(
                    "SELECT id, from_id, to_id, count, \(sql: Seals.timestamp), hash FROM khcn_audit_seal()"
                ).first.map(Seals.seal)
            }
        }
    }

    /// Every seal recomputed from the rows as they are now; `known` are hashes from earlier reports.
    public func verify(known: [String]) throws(RegistryError) -> SealVerification {
        try session.read {
            let row = try session.connection.query(
                """
                SELECT intact, seals, rows, difference_id, difference_what, difference_seal, difference_hash
                  FROM khcn_audit_verify(\(known)::text[])
                """).rows[0]
            return SealVerification(
                intact: try row.decode("intact"), seals: try row.decodeIfPresent("seals") ?? 0, rows: try row.decodeIfPresent("rows") ?? 0,
                differenceID: try row.decodeIfPresent("difference_id"),
                difference: row["difference_what"].flatMap(SealVerification.Difference.init(rawValue:)),
                differenceSeal: try row.decodeIfPresent("difference_seal"), missingHash: row["difference_hash"])
        }
    }

    /// The newest seal, or nil before the first.
    public func latest() throws(RegistryError) -> LatestSeal? {
        try session.read {
            try session.connection.query(
                "SELECT id, hash, \(sql: Seals.timestamp), rows_after FROM khcn_audit_latest_seal()"
            ).first.map { row in
                LatestSeal(seal: (try row.decode("id"), try row.decode("hash"), try row.decode("sealed_at")),
                           rowsAfter: try row.decodeIfPresent("rows_after") ?? 0)
            }
        }
    }

    private static func seal(_ row: Row) throws -> Seal {
        Seal(id: try row.decode("id"), fromID: try row.decode("from_id"), toID: try row.decode("to_id"), count: try row.decode("count"),
             sealedAt: try row.decode("sealed_at"), hash: try row.decode("hash"))
    }
}
