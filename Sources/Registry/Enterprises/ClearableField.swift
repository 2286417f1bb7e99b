/// An optional field of an enterprise that `enterprise update --clear FIELD` empties (issue 12:
/// a blank value means "not given" and never erases, so erasing needs words of its own).
/// The name and the tax code are never optional, and a status is changed by `set-status`.
public enum ClearableField: String, Sendable, CaseIterable {
    case established, address, communeCode = "commune-code", legalForm = "legal-form"
    case vsic, vsicVersion = "vsic-version", formerProvince = "former-province"

    /// The column (contract §6 name) the field is stored in.
    public var column: String {
        switch self {
        case .established: "established_on"
        case .address: "address"
        case .communeCode: "commune_code"
        case .legalForm: "legal_form"
        case .vsic: "vsic"
        case .vsicVersion: "vsic_version"
        case .formerProvince: "former_province"
        }
    }

    /// Whether `fields` also gives this field a value (clearing and setting at once is refused).
    func isGiven(in fields: EnterpriseFields) -> Bool {
        switch self {
        case .established: fields.establishedOn != nil
        case .address: fields.address != nil
        case .communeCode: fields.communeCode != nil
        case .legalForm: fields.legalForm != nil
        case .vsic: fields.vsic != nil
        case .vsicVersion: fields.vsicVersion != nil
        case .formerProvince: fields.formerProvince != nil
        }
    }
}
