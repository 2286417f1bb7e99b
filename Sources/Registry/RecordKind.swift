/// The kinds of record the registry keeps, with their canonical column names (contract §6),
/// which are also the keys of their JSON objects and of their audit rows.
public enum RecordKind: String, Sendable, CaseIterable {
    case enterprise

    public var columns: [String] {
        switch self {
        case .enterprise:
            ["tax_code", "name", "established_on", "address", "commune_code", "legal_form",
             "vsic", "vsic_version", "status", "status_on", "former_province"]
        }
    }
}
