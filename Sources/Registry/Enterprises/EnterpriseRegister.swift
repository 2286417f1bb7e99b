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

    static let selectColumns = """
        tax_code, name, established_on::text, address, commune_code, legal_form,
        array_to_string(vsic, ','), vsic_version::text, status, status_on::text, former_province
        """

    public func add(_ taxCode: TaxCode, _ fields: EnterpriseFields, context: ChangeContext) throws(RegistryError) -> WriteResult {
        var fields = fields
        let warnings = try fields.validate(today: session.today, requireName: true)
        let enterprise = try session.write(context) {
            let existing = try session.connection.query(
                "SELECT 1 FROM enterprise WHERE province_code = \(session.province) AND tax_code = \(taxCode.description)")
            if !existing.rows.isEmpty {
                throw RegistryError(
                    .rule, type: "unique-error", field: "tax_code", value: taxCode.description,
                    vi: "Mã số thuế \(taxCode) đã có trong sổ đăng ký; dùng “khcn enterprise update” để sửa.",
                    en: "Tax code \(taxCode) is already registered; use “khcn enterprise update” to change it.")
            }
            let result = try session.connection.query(
                """
                INSERT INTO enterprise (province_code, tax_code, name, established_on, address, commune_code,
                                        legal_form, vsic, vsic_version, status, status_on, former_province)
                VALUES (\(session.province), \(taxCode.description), \(fields.name), \(fields.establishedOn?.description)::date, \(fields.address), \(fields.communeCode), \(fields.legalForm), coalesce(string_to_array(\(fields.vsic?.joined(separator: ",")), ','), '{}'), \(fields.vsicVersion.map(String.init))::smallint,
                        'active', \(fields.establishedOn?.description)::date, \(fields.formerProvince?.rawValue))
                RETURNING \(sql: Self.selectColumns)
                """)
            return Self.decode(result.rows[0].values)
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
        // A cleared column becomes NULL (vsic: the empty list) in the same audited UPDATE.
        func value(_ field: ClearableField, _ parameter: String, cast: String = "") -> String {
            let kept = "coalesce(\(parameter)\(cast), \(field.column))"
            let empty = field == .vsic ? "'{}'" : "NULL"
            return "CASE WHEN '\(field.column)' = ANY($11::text[]) THEN \(empty) ELSE \(kept) END"
        }
        let after = try session.write(context) {
            let result = try session.connection.query(
                """
                UPDATE enterprise SET
                    name = coalesce(\(fields.name), name),
                    established_on = \(sql: value(.established, "$4", cast: "::date")),
                    -- a status dated on the founding day moves with a corrected founding date
                    status_on = CASE WHEN status_on = established_on THEN coalesce(\(fields.establishedOn?.description)::date, status_on) ELSE status_on END,
                    address = \(sql: value(.address, "$5")),
                    commune_code = \(sql: value(.communeCode, "$6")),
                    legal_form = \(sql: value(.legalForm, "$7")),
                    vsic = \(sql: value(.vsic, "string_to_array($8, ',')")),
                    vsic_version = \(sql: value(.vsicVersion, "$9", cast: "::smallint")),
                    former_province = \(sql: value(.formerProvince, "$10"))
                WHERE province_code = \(session.province) AND tax_code = \(taxCode.description)
                RETURNING \(sql: Self.selectColumns)
                """)
            return Self.decode(result.rows[0].values)
        }
        return WriteResult(enterprise: after, changed: after != before, warnings: warnings)
    }

    /// Records a dated status change; a change dated before the previous one is refused.
    public func setStatus(
        _ taxCode: TaxCode, to status: EnterpriseStatus, on date: CivilDate, context: ChangeContext
    ) throws(RegistryError) -> WriteResult {
        let before = try find(taxCode)
        if date > session.today {
            throw RegistryError.invalid(
                "on", date.description, vi: "Ngày \(date.vietnamese) ở tương lai (hôm nay là \(session.today.vietnamese)).",
                en: "Date \(date) is in the future (today is \(session.today)).")
        }
        if let established = before.establishedOn, date < established {
            throw RegistryError.invalid(
                "on", date.description,
                vi: "Ngày đổi trạng thái \(date.vietnamese) trước ngày thành lập \(established.vietnamese).",
                en: "Status date \(date) is before the establishment date \(established).")
        }
        if let previous = before.statusOn, date < previous {
            throw RegistryError.invalid(
                "on", date.description,
                vi: "Ngày đổi trạng thái \(date.vietnamese) trước lần đổi trạng thái gần nhất (\(previous.vietnamese)).",
                en: "Status date \(date) is before the latest status change (\(previous)).")
        }
        let after = try session.write(context) {
            let result = try session.connection.query(
                """
                UPDATE enterprise SET status = \(status.rawValue), status_on = \(date.description)::date
                WHERE province_code = \(session.province) AND tax_code = \(taxCode.description)
                RETURNING \(sql: Self.selectColumns)
                """)
            return Self.decode(result.rows[0].values)
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
            throw RegistryError(
                .rule, type: "unique-error", field: "new_tax_code", value: newCode.description,
                vi: "Mã số thuế \(newCode) đã thuộc một doanh nghiệp khác trong sổ đăng ký.",
                en: "Tax code \(newCode) already belongs to another registered enterprise.")
        }
        let after = try session.write(context) {
            let result = try session.connection.query(
                "UPDATE enterprise SET tax_code = \(newCode.description) WHERE province_code = \(session.province) AND tax_code = \(taxCode.description) RETURNING \(sql: Self.selectColumns)")
            return Self.decode(result.rows[0].values)
        }
        return WriteResult(enterprise: after, changed: true, warnings: [])
    }

    /// Removes a record that nothing points at; the audit trail keeps its last state.
    public func delete(_ taxCode: TaxCode, context: ChangeContext) throws(RegistryError) -> Enterprise {
        let before = try find(taxCode)
        do {
            try session.write(context) {
                try session.connection.query(
                    "DELETE FROM enterprise WHERE province_code = \(session.province) AND tax_code = \(taxCode.description)")
            }
        } catch where error.type == "foreign-key-error" {
            throw try referencedError(taxCode, sqlstate: error.sqlstate)
        }
        return before
    }

    public func find(_ taxCode: TaxCode) throws(RegistryError) -> Enterprise {
        let rows = try session.read {
            try session.connection.query(
                "SELECT \(sql: Self.selectColumns) FROM enterprise WHERE province_code = \(session.province) AND tax_code = \(taxCode.description)").rows
        }
        guard let row = rows.first else {
            throw RegistryError.notFound(
                "tax_code", taxCode.description,
                vi: "Không có doanh nghiệp nào mang mã số thuế \(taxCode) trong sổ đăng ký của tỉnh \(session.province).",
                en: "No enterprise with tax code \(taxCode) is registered in province \(session.province).")
        }
        return Self.decode(row.values)
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
        let term = search?.precomposedForSearch
        // Digits search the tax code's start; words search the name through the trigram index
        // (one shape each, so that the planner can use the index). The name is matched by
        // SQL/0028 with the owner's rights: under row-level security a login's LIKE could not
        // use the index.
        let byTaxCode = term.map { $0.allSatisfy { $0.isNumber || $0 == "-" } } ?? false
        // With no other filter the match itself stops at the page ($4, the LIMIT of both queries).
        let unfiltered = status == nil && commune == nil && address == nil
        let filter = term == nil ? "AND $2::text IS NULL" : byTaxCode
            ? "AND tax_code LIKE $2 || '%'"
            : "AND tax_code IN (SELECT khcn_enterprise_name_matches($1, $2, \(unfiltered ? "$4::integer" : "NULL")))"
        let conditions = """
            WHERE province_code = $1 \(filter)
              AND ($3::text IS NULL OR status = $3)
              AND ($5::text IS NULL OR commune_code = $5)
              AND ($6::text IS NULL OR khcn_fold(address) LIKE '%' || khcn_fold($6) || '%' ESCAPE '\\')
            """
        let parameters = [session.province, term, status?.rawValue, String(limit + 1),
                          commune?.trimmingWhitespace(), address?.precomposedForSearch]
        return try session.read {
            var rows = try session.connection.query(
                """
                SELECT \(Self.selectColumns) FROM enterprise
                \(conditions)
                ORDER BY name COLLATE "vi-VN-x-icu", tax_code
                LIMIT $4
                """, parameters).rows
            guard rows.count > limit else { return (rows.map { Self.decode($0.values) }, .exactly(rows.count)) }
            rows.removeLast()
            var capped = parameters
            capped[3] = String(Self.countCap + 1)
            let count = Int(try session.connection.query(
                "SELECT count(*) FROM (SELECT 1 FROM enterprise \(conditions) LIMIT $4) t", capped).scalar ?? "0") ?? 0
            return (rows.map { Self.decode($0.values) }, count > Self.countCap ? .moreThan(Self.countCap) : .exactly(count))
        }
    }

    static func decode(_ row: [String?]) -> Enterprise {
        Enterprise(
            taxCode: row[0]!, name: row[1]!,
            establishedOn: row[2].flatMap { CivilDate(iso: $0) },
            address: row[3], communeCode: row[4], legalForm: row[5],
            vsic: (row[6] ?? "").split(separator: ",").map(String.init),
            vsicVersion: row[7].flatMap { Int($0) },
            status: EnterpriseStatus(rawValue: row[8]!) ?? .active,
            statusOn: row[9].flatMap { CivilDate(iso: $0) },
            formerProvince: row[10].flatMap { FormerProvince(rawValue: $0) })
    }
}

extension String {
    /// NFC, trimmed, with LIKE wildcards escaped: a search term taken literally.
    var precomposedForSearch: String? {
        let text = self.precomposedStringWithCanonicalMapping.trimmingWhitespace()
        guard !text.isEmpty else { return nil }
        return text.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }
}
