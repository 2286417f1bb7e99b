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

    static let timestamp = "to_char(sealed_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD\"T\"HH24:MI:SS\"+07:00\"')"

    /// Seals the rows written since the last seal whose transactions have all ended; nil when
    /// there is nothing new to seal.
    public func seal() throws(RegistryError) -> Seal? {
        try session.read {
            try session.connection.transaction {
                try session.connection.query(
                    "SELECT id::text, from_id::text, to_id::text, count::text, \(sql: Seals.timestamp), hash FROM khcn_audit_seal()"
                ).rows.first.map { Seals.seal($0.values) }
            }
        }
    }

    /// Every seal recomputed from the rows as they are now; `known` are hashes from earlier reports.
    public func verify(known: [String]) throws(RegistryError) -> SealVerification {
        let row = try session.read {
            try session.connection.query(
                """
                SELECT intact::text, seals::text, rows::text, difference_id::text, difference_what,
                       difference_seal::text, difference_hash
                  FROM khcn_audit_verify(\(postgresArray(known))::text[])
                """).rows[0]
        }
        return SealVerification(
            intact: row[0] == "true", seals: Int(row[1] ?? "0") ?? 0, rows: Int(row[2] ?? "0") ?? 0,
            differenceID: row[3].flatMap { Int($0) }, difference: row[4].flatMap(SealVerification.Difference.init(rawValue:)),
            differenceSeal: row[5].flatMap { Int($0) }, missingHash: row[6])
    }

    /// The newest seal, or nil before the first.
    public func latest() throws(RegistryError) -> LatestSeal? {
        try session.read {
            try session.connection.query(
                "SELECT id::text, hash, \(sql: Seals.timestamp), rows_after::text FROM khcn_audit_latest_seal()"
            ).rows.first.map { row in
                LatestSeal(seal: (Int(row[0]!)!, row[1]!, row[2]!), rowsAfter: Int(row[3] ?? "0") ?? 0)
            }
        }
    }

    private static func seal(_ row: [String?]) -> Seal {
        Seal(id: Int(row[0]!)!, fromID: Int(row[1]!)!, toID: Int(row[2]!)!, count: Int(row[3]!)!, sealedAt: row[4]!, hash: row[5]!)
    }
}
