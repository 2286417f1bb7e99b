/// One of the 34 provinces in force since 1 July 2025 (Decision 19/2025/QĐ-TTg), as
/// `SQL/0014` ships them: the code every record's province must be (contract §4).
public struct Province: Sendable {
    /// A province merged into this one, e.g. `ha-giang` into 08 (contract §2's kebab-case).
    public struct Former: Sendable {
        public let slug: String
        public let name: String
    }

    public let code: String
    public let name: String
    /// The former provinces, the one that kept its name first.
    public let former: [Former]
    /// Whether the plan's targets are set for it (`khcn targets list`).
    public let hasTargets: Bool
}

/// The national list of provinces, read from the database (its home: table `province`).
public struct Provinces {
    let session: RegistrySession

    public init(_ session: RegistrySession) { self.session = session }

    public func list() throws(RegistryError) -> [Province] {
        let rows = try session.read {
            try session.connection.query("""
                SELECT p.code, p.name,
                       (SELECT string_agg(f.slug || '=' || f.name, '|' ORDER BY f.position) FROM province_former f WHERE f.province_code = p.code) AS former,
                       EXISTS (SELECT 1 FROM target t WHERE t.province_code = p.code) AS has_targets
                  FROM province p ORDER BY p.code
                """).rows
        }
        return rows.map { row in
            let former = (row["former"] ?? "").split(separator: "|").map { pair in
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                return Province.Former(slug: parts[0], name: parts.count > 1 ? parts[1] : parts[0])
            }
            return Province(code: row["code"] ?? "", name: row["name"] ?? "", former: former, hasTargets: row["has_targets"] == "t")
        }
    }
}

extension RegistrySession {
    /// Contract §4: a province code not on the national list is refused (65), naming it and
    /// where the list is. The shape (two digits) is the type's (`ProvinceCode`).
    func requireKnownProvince() throws(RegistryError) {
        let known = try read {
            try connection.query("SELECT EXISTS (SELECT 1 FROM province WHERE code = \(province))").scalar == "t"
        }
        guard known else {
            throw RegistryError.invalid(
                "province", province.code,
                vi: "Mã tỉnh “\(province)” không có trong danh mục 34 tỉnh, thành phố từ 01/07/2025 (Quyết định 19/2025/QĐ-TTg); xem danh mục: khcn province list.",
                en: "Province code “\(province)” is not on the national list of the 34 provinces in force since 1 July 2025 (Decision 19/2025/QĐ-TTg); see khcn province list.")
        }
    }
}
