/// The kinds of record the registry keeps, with their canonical columns (contract §6): the
/// CSV columns of import and export, the keys of their JSON objects and of their audit rows.
public enum RecordKind: String, Sendable, CaseIterable {
    case enterprise
    case certificate
    case fund
    case fundAllocation = "fund-allocation"
    case ip
    case ipEvent = "ip-event"
    case gi
    /// Maintenance fee payments per validity year (SQL/0027).
    case ipFee = "ip-fee"
    /// Later managing organisations of a GI, and enterprises authorised to use it (SQL/0027).
    case giManager = "gi-manager"
    case giUser = "gi-user"

    /// The KIND word of `khcn import` and `khcn export`.
    public var fileKind: String? {
        switch self {
        case .enterprise: "enterprises"
        case .certificate: "certificates"
        case .fund: "funds"
        case .fundAllocation: "fund-allocations"
        case .ip: "ip"
        case .gi: "gi"
        case .ipFee: "ip-fees"
        case .giManager: "gi-managers"
        case .giUser: "gi-users"
        case .ipEvent: nil
        }
    }

    public init?(fileKind: String) {
        guard let kind = RecordKind.allCases.first(where: { $0.fileKind == fileKind }) else { return nil }
        self = kind
    }

    public var columns: [String] {
        switch self {
        case .enterprise:
            ["tax_code", "name", "established_on", "address", "commune_code", "legal_form",
             "vsic", "vsic_version", "status", "status_on", "former_province"]
        case .certificate:
            ["tax_code", "certificate_number", "issued_on", "issuer", "basis", "revoked_on", "revoke_reason", "revocation_kind"]
        case .fund:
            ["tax_code", "established_on", "decision", "capital", "notified_on", "closed_on"]
        case .fundAllocation:
            ["tax_code", "established_on", "year", "allocated", "spent", "report_received_on"]
        case .ip:
            ["kind", "application_number", "filed_on", "title", "applicant_tax_code", "applicant_name", "ipc",
             "published_on", "examination_requested_on", "granted_on", "grant_number", "refused_on", "withdrawn_on",
             "lapsed_on", "invalidated_on", "restored_on", "checked_on", "applicant_type", "priority_on"]
        case .ipEvent:
            ["application_number", "event", "event_on", "grant_number"]
        case .gi:
            ["certificate_number", "name", "product", "granted_on", "decision", "managing_org", "area",
             "application_number", "cancelled_on"]
        case .ipFee: ["application_number", "year", "paid_on"]
        case .giManager: ["certificate_number", "managing_org", "from_on", "decision"]
        case .giUser: ["certificate_number", "tax_code", "from_on", "until_on", "decision"]
        }
    }

    /// The view holding the canonical columns (SQL/0009).
    var view: String {
        switch self {
        case .enterprise: "enterprise_canonical"
        case .certificate: "certificate_canonical"
        case .fund: "fund_canonical"
        case .fundAllocation: "fund_allocation_canonical"
        case .ip, .ipEvent: "ip_canonical"
        case .gi: "gi_canonical"
        case .ipFee: "ip_fee_canonical"
        case .giManager: "gi_manager_canonical"
        case .giUser: "gi_user_canonical"
        }
    }

    /// Natural key, which also orders exports.
    var keyColumns: [String] {
        switch self {
        case .enterprise: ["tax_code"]
        case .certificate: ["certificate_number"]
        case .fund: ["tax_code", "established_on"]
        case .fundAllocation: ["tax_code", "established_on", "year"]
        case .ip, .ipEvent: ["application_number"]
        case .gi: ["certificate_number"]
        case .ipFee: ["application_number", "year"]
        case .giManager: ["certificate_number", "from_on"]
        case .giUser: ["certificate_number", "tax_code", "from_on"]
        }
    }

    /// Export order: the natural key, text compared byte-wise so that every server agrees.
    var exportOrder: String {
        switch self {
        case .enterprise: "tax_code COLLATE \"C\""
        case .certificate: "certificate_number COLLATE \"C\""
        case .fund: "tax_code COLLATE \"C\", established_on"
        case .fundAllocation: "tax_code COLLATE \"C\", established_on, year"
        case .ip, .ipEvent: "application_number COLLATE \"C\""
        case .gi: "certificate_number COLLATE \"C\""
        case .ipFee: "application_number COLLATE \"C\", year"
        case .giManager: "certificate_number COLLATE \"C\", from_on"
        case .giUser: "certificate_number COLLATE \"C\", tax_code COLLATE \"C\", from_on"
        }
    }

    /// Columns held as arrays, written `a|b` in CSV.
    var listColumns: Set<String> { ["vsic", "ipc"] }
}

/// A record in its canonical form: a JSON object (text, keys in §6 order, then what is
/// derived) produced by PostgreSQL from the canonical view, so that `--json`, export and the
/// database agree on every value.
public struct CanonicalRecord: Sendable {
    public let kind: RecordKind
    public let json: String
    /// The enterprise's name (an IP application's: its applicant's) when a list joined it in,
    /// for the people's table (issue 12); never part of the canonical JSON (contract §6).
    public var enterpriseName: String? = nil
}


extension CanonicalRecord {
    /// A register's `list`: what its `each` hands over one at a time (contract §8), kept in
    /// an array for the callers that want them all.
    static func collecting(
        _ each: (_ body: (CanonicalRecord) throws -> Void) throws(RegistryError) -> Void
    ) throws(RegistryError) -> [CanonicalRecord] {
        var records: [CanonicalRecord] = []
        try each { records.append($0) }
        return records
    }
}
