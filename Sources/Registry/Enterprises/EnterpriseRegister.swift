import Foundation
import Postgres

/// The enterprise register of one province: add, correct, change status, rekey, delete, find.
/// Every write runs in one transaction whose audit rows carry the clerk's `ChangeContext`.
public struct EnterpriseRegister {
    let session: RegistrySession

    public init(_ session: RegistrySession) { self.session = session }

    /// The outcome of a write: the record as stored now, and what the clerk should know.
    public struct WriteResult: Sendable {
        public let enterprise: Enterprise
        public let changed: Bool
        public let warnings: [Warning]
    }

    /// The columns `decode` reads, by these names.
    static let selectColumns = """
        tax_code, name, established_on, address, commune_code, legal_form,
        array_to_string(vsic, ',') AS vsic, vsic_version, status, status_on, former_province
        """

    public func add(_ taxCode: TaxCode, _ fields: EnterpriseFields, context: ChangeContext) throws(RegistryError) -> WriteResult {
        var fields = fields
        let warnings = try fields.validate(today: session.today, requireName: true)
        let enterprise = try session.write(context) {
            let existing = try session.connection.query(
                "SELECT 1 FROM enterprise WHERE province_code = \(session.province) AND tax_code = \(taxCode)")
            if !existing.rows.isEmpty {
                throw RegistryError.duplicate("tax_code", taxCode.description,
                    vi: "Mã số thuế \(taxCode) đã có trong sổ đăng ký; dùng “khcn enterprise update” để sửa.",
                    en: "Tax code \(taxCode) is already registered; use “khcn enterprise update” to change it.")
            }
            let result = try session.connection.query(
                """
                INSERT INTO enterprise (province_code, tax_code, name, established_on, address, commune_code,
                                        legal_form, vsic, vsic_version, status, status_on, former_province)
                VALUES (\(session.province), \(taxCode), \(fields.name), \(fields.establishedOn)::date, \(fields.address), \(fields.communeCode),
                        \(fields.legalForm), coalesce(\(fields.vsic)::text[], '{}'), \(fields.vsicVersion)::smallint,
                        'active', \(fields.establishedOn)::date, \(fields.formerProvince?.rawValue))
                RETURNING \(sql: Self.selectColumns)
                """)
            return try Self.decode(result.rows[0])
        }
        return WriteResult(enterprise: enterprise, changed: true, warnings: warnings)
    }

    /// Changes the given fields; fields not given keep their stored values.
    public func update(_ taxCode: TaxCode, _ fields: EnterpriseFields, context: ChangeContext) throws(RegistryError) -> WriteResult {
        var fields = fields
        let warnings = try fields.validate(today: session.today, requireName: false)
        if let both = ClearableField.allCases.first(where: { fields.cleared.contains($0) && $0.isGiven(in: fields) }) {
            throw RegistryError(
                .usage, type: "usage-error", field: both.column,
                vi: "Không thể vừa ghi vừa xoá “\(both.rawValue)” trong cùng một lệnh.",
                en: "“\(both.rawValue)” cannot be both given and cleared in one command.")
        }
        let before = try find(taxCode)
        // A cleared column becomes NULL (vsic: the empty list) in the same audited UPDATE; a
        // field not given keeps its stored value.
        func value(_ field: ClearableField, _ given: Query) -> Query {
            guard !fields.cleared.contains(field) else { return Query(sql: field == .vsic ? "'{}'" : "NULL") }
            return "coalesce(\(given), \(sql: field.column))"
        }
        let after = try session.write(context) {
            let result = try session.connection.query(
                """
                UPDATE enterprise SET
                    name = coalesce(\(fields.name), name),
                    established_on = \(value(.established, "\(fields.establishedOn)::date")),
                    -- a status dated on the founding day moves with a corrected founding date
                    status_on = CASE WHEN status_on = established_on THEN coalesce(\(fields.establishedOn)::date, status_on) ELSE status_on END,
                    address = \(value(.address, "\(fields.address)::text")),
                    commune_code = \(value(.communeCode, "\(fields.communeCode)::text")),
                    legal_form = \(value(.legalForm, "\(fields.legalForm)::text")),
                    vsic = \(value(.vsic, "\(fields.vsic)::text[]")),
                    vsic_version = \(value(.vsicVersion, "\(fields.vsicVersion)::smallint")),
                    former_province = \(value(.formerProvince, "\(fields.formerProvince?.rawValue)::text"))
                WHERE province_code = \(session.province) AND tax_code = \(taxCode)
                RETURNING \(sql: Self.selectColumns)
                """)
            return try Self.decode(result.rows[0])
        }
        return WriteResult(enterprise: after, changed: after != before, warnings: warnings)
    }

    /// Records a dated status change; a change dated before the previous one is refused.
    public func setStatus(
        _ taxCode: TaxCode, to status: EnterpriseStatus, on date: CivilDate, context: ChangeContext
    ) throws(RegistryError) -> WriteResult {
        let before = try find(taxCode)
        if date > session.today {
            throw RegistryError.invalidOn(date, vi: "Ngày \(date.vietnamese) ở tương lai (hôm nay là \(session.today.vietnamese)).",
                en: "Date \(date) is in the future (today is \(session.today)).")
        }
        if let established = before.establishedOn, date < established {
            throw RegistryError.invalidOn(date, vi: "Ngày đổi trạng thái \(date.vietnamese) trước ngày thành lập \(established.vietnamese).",
                en: "Status date \(date) is before the establishment date \(established).")
        }
        if let previous = before.statusOn, date < previous {
            throw RegistryError.invalidOn(date, vi: "Ngày đổi trạng thái \(date.vietnamese) trước lần đổi trạng thái gần nhất (\(previous.vietnamese)).",
                en: "Status date \(date) is before the latest status change (\(previous)).")
        }
        let after = try session.write(context) {
            let result = try session.connection.query(
                """
                UPDATE enterprise SET status = \(status.rawValue), status_on = \(date)::date
                WHERE province_code = \(session.province) AND tax_code = \(taxCode)
                RETURNING \(sql: Self.selectColumns)
                """)
            return try Self.decode(result.rows[0])
        }
        return WriteResult(enterprise: after, changed: after != before, warnings: [])
    }

    /// Corrects a mistyped tax code; linked records follow (foreign keys cascade on update),
    /// and the audit trail links the old key to the new one.
    public func rekey(_ taxCode: TaxCode, to newCode: TaxCode, context: ChangeContext) throws(RegistryError) -> WriteResult {
        _ = try find(taxCode)
        if newCode == taxCode {
            throw RegistryError.invalid("new_tax_code", newCode.description,
                                        vi: "Mã số thuế mới trùng mã cũ.", en: "The new tax code equals the old one.")
        }
        if (try? find(newCode)) != nil {
            throw RegistryError.duplicate("new_tax_code", newCode.description,
                vi: "Mã số thuế \(newCode) đã thuộc một doanh nghiệp khác trong sổ đăng ký.",
                en: "Tax code \(newCode) already belongs to another registered enterprise.")
        }
        let after = try session.write(context) {
            let result = try session.connection.query(
                "UPDATE enterprise SET tax_code = \(newCode) WHERE province_code = \(session.province) AND tax_code = \(taxCode) RETURNING \(sql: Self.selectColumns)")
            return try Self.decode(result.rows[0])
        }
        return WriteResult(enterprise: after, changed: true, warnings: [])
    }

    /// Removes a record that nothing points at; the audit trail keeps its last state.
    public func delete(_ taxCode: TaxCode, context: ChangeContext) throws(RegistryError) -> Enterprise {
        let before = try find(taxCode)
        do {
            try session.write(context) {
                try session.connection.query(
                    "DELETE FROM enterprise WHERE province_code = \(session.province) AND tax_code = \(taxCode)")
            }
        } catch where error.type == "foreign-key-error" {
            throw try referencedError(taxCode, sqlstate: error.sqlstate)
        }
        return before
    }

    public func find(_ taxCode: TaxCode) throws(RegistryError) -> Enterprise {
        let row = try session.read {
            try session.connection.query(
                "SELECT \(sql: Self.selectColumns) FROM enterprise WHERE province_code = \(session.province) AND tax_code = \(taxCode)").first
        }
        guard let row else {
            throw RegistryError.notFound(
                "tax_code", taxCode.description,
                vi: "Không có doanh nghiệp nào mang mã số thuế \(taxCode) trong sổ đăng ký của tỉnh \(session.province).",
                en: "No enterprise with tax code \(taxCode) is registered in province \(session.province).")
        }
        return try session.read { try Self.decode(row) }
    }

    /// How many enterprises a filter matches: exactly, or past `countCap`, only "more than".
    public enum Total: Sendable, Equatable {
        case exactly(Int)
        case moreThan(Int)
    }

    /// Counting stops here: a one-letter search matches most of a 1,000,000-row register, and
    /// counting all of it would break the 200 ms of contract §8.
    public static let countCap = 1_000

    /// Lists enterprises sorted by name the Vietnamese way; `search` matches a substring of
    /// the name ignoring case and diacritics (`tan trao` finds `Tân Trào`), or a tax code prefix.
    public func list(
        search: String? = nil, status: EnterpriseStatus? = nil, commune: String? = nil, address: String? = nil, limit: Int = 50
    ) throws(RegistryError) -> [Enterprise] {
        try page(search: search, status: status, commune: commune, address: address, limit: limit).enterprises
    }

    /// The first `limit` enterprises and how many match in all. One row more than asked says
    /// whether there are more; only then are they counted, up to `countCap`.
    /// `commune` is a commune code, matched exactly; `address` a substring of the address,
    /// ignoring case and diacritics like `search`. Neither has an index of its own (one more
    /// index would slow every import, contract §8): each scans the province's enterprises,
    /// `address` folding every address (about 9 µs a row: seconds for 1,000,000; see README).
    public func page(
        search: String? = nil, status: EnterpriseStatus? = nil, commune: String? = nil, address: String? = nil, limit: Int = 50
    ) throws(RegistryError) -> (enterprises: [Enterprise], total: Total) {
        var enterprises: [Enterprise] = []
        let total = try each(search: search, status: status, commune: commune, address: address, limit: limit) { enterprises.append($0) }
        return (enterprises, total)
    }

    /// The same page handed over one enterprise at a time (single-row mode), then how many
    /// match: `enterprise list --limit 1000000` streams (contract §8: every list streams).
    @discardableResult
    public func each(
        search: String? = nil, status: EnterpriseStatus? = nil, commune: String? = nil, address: String? = nil, limit: Int = 50,
        _ body: (Enterprise) throws -> Void
    ) throws(RegistryError) -> Total {
        let term = search?.precomposedForSearch
        // Digits search the tax code's start; words search the name through the index that
        // suits the term (SQL/0039: the trigram index, or a walk in the list's order that stops
        // at the page). The name is matched by SQL/0028 with the owner's rights: under
        // row-level security a login's LIKE could not use either index.
        let byTaxCode = term.map { $0.allSatisfy { $0.isNumber || $0 == "-" } } ?? false
        // With no other filter the name match itself stops at the page (the LIMIT of both queries).
        let unfiltered = status == nil && commune == nil && address == nil
        let commune = commune?.trimmingWhitespace(), address = address?.precomposedForSearch
        func conditions(limit: Int) -> Query {
            var parts: [Query] = ["province_code = \(session.province)"]
            if let term {
                parts.append(byTaxCode ? "tax_code LIKE \(term) || '%'"
                    : "tax_code IN (SELECT khcn_enterprise_name_matches(\(session.province), \(term), \(unfiltered ? limit : nil)::integer))")
            }
            if let status { parts.append("status = \(status.rawValue)") }
            if let commune { parts.append("commune_code = \(commune)") }
            if let address { parts.append("khcn_fold(address) LIKE '%' || khcn_fold(\(address)) || '%' ESCAPE '\\'") }
            return "WHERE " + Query.joined(parts, separator: " AND ")
        }
        return try session.read {
            // One row more than asked says whether there are more; it is read, not handed over.
            var read = 0
            try session.connection.forEachRow(
                """
                SELECT \(sql: Self.selectColumns) FROM enterprise
                \(conditions(limit: limit + 1))
                ORDER BY name COLLATE "vi-VN-x-icu", tax_code
                LIMIT \(limit + 1)
                """) { row in
                read += 1
                if read <= limit { try body(try Self.decode(row)) }
            }
            guard read > limit else { return .exactly(read) }
            // Counted at least as far as the page goes: "1.500 of more than 1.000" says nothing.
            let ceiling = max(Self.countCap, limit)
            let cap = ceiling + 1
            // A name search alone is counted where it is matched (SQL/0039: in no particular
            // order, through the index that serves the term); any other filter by its rows.
            let counting: Query = unfiltered && term != nil && !byTaxCode
                ? "SELECT khcn_enterprise_name_count(\(session.province), \(term), \(cap)) AS matches"
                : "SELECT count(*) AS matches FROM (SELECT 1 FROM enterprise \(conditions(limit: cap)) LIMIT \(cap)) t"
            let count = try session.connection.query(counting).first?.decode("matches", as: Int.self) ?? 0
            return count > ceiling ? .moreThan(ceiling) : .exactly(count)
        }
    }

    /// A row of `selectColumns`.
    static func decode(_ row: Row) throws -> Enterprise {
        Enterprise(
            taxCode: try row.decode("tax_code"), name: try row.decode("name"),
            establishedOn: try row.decodeIfPresent("established_on"),
            address: row["address"], communeCode: row["commune_code"], legalForm: row["legal_form"],
            vsic: (row["vsic"] ?? "").split(separator: ",").map(String.init),
            vsicVersion: try row.decodeIfPresent("vsic_version"),
            status: EnterpriseStatus(rawValue: try row.decode("status")) ?? .active,
            statusOn: try row.decodeIfPresent("status_on"),
            formerProvince: row["former_province"].flatMap { FormerProvince(rawValue: $0) })
    }
}

extension String {
    /// NFC, trimmed, with LIKE wildcards escaped: a search term taken literally. The folding
    /// on the server (`khcn_fold`, unaccent) makes `%` of ％ ﹪, `_` of ＿ and `\` of ＼ ∖ ﹨,
    /// so those are escaped too (with a backslash before them they fold to `\%`, `\_`, `\\`).
    var precomposedForSearch: String? {
        let text = self.precomposedStringWithCanonicalMapping.trimmingWhitespace()
        guard !text.isEmpty else { return nil }
        var escaped = ""
        for character in text {
            if Self.foldsToLikeSyntax.contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }

    /// The characters that are, or fold into, LIKE's wildcards and escape.
    private static let foldsToLikeSyntax: Set<Character> = ["\\", "%", "_", "％", "﹪", "＿", "＼", "∖", "﹨"]
}
