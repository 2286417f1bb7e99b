/// A registered enterprise as stored: the record every certificate, fund and IP application
/// hangs off, identified by its tax code within a province.
public struct Enterprise: Sendable, Equatable {
    public var taxCode: TaxCode
    public var name: String
    public var establishedOn: CivilDate?
    public var address: String?
    public var communeCode: String?
    public var legalForm: String?
    public var vsic: [String]
    public var vsicVersion: Int?
    public var status: EnterpriseStatus
    public var statusOn: CivilDate?
    public var formerProvince: FormerProvince?
}

/// Legal status of an enterprise (hoạt động, tạm ngừng kinh doanh, giải thể).
public enum EnterpriseStatus: String, Sendable, CaseIterable {
    case active, suspended, dissolved

    public var vietnamese: String {
        switch self {
        case .active: "Đang hoạt động"
        case .suspended: "Tạm ngừng"
        case .dissolved: "Giải thể"
        }
    }

    public var english: String {
        switch self {
        case .active: "Active"
        case .suspended: "Suspended"
        case .dissolved: "Dissolved"
        }
    }
}

/// The province an enterprise belonged to before Hà Giang merged into Tuyên Quang (1 July 2025).
public enum FormerProvince: String, Sendable, CaseIterable {
    case tuyenQuang = "tuyen-quang"
    case haGiang = "ha-giang"

    public var vietnamese: String { self == .tuyenQuang ? "Tuyên Quang" : "Hà Giang" }
    public var english: String { vietnamese }
}

/// VSIC classification versions: Decision 27/2018/QĐ-TTg, replaced by 36/2025/QĐ-TTg from
/// 15 Nov 2025. Each enterprise keeps the version its codes were written in.
public enum VSICVersion {
    public static let known = [2018, 2025]
}

/// The fields a clerk may give when adding or updating an enterprise; nil means "not given"
/// (a blank never erases a stored value).
public struct EnterpriseFields: Sendable {
    public var name: String?
    public var establishedOn: CivilDate?
    public var address: String?
    public var communeCode: String?
    public var legalForm: String?
    public var vsic: [String]?
    public var vsicVersion: Int?
    public var formerProvince: FormerProvince?
    /// Fields to empty on update (`--clear FIELD`); a nil above only means "not given".
    public var cleared: Set<ClearableField>

    public init(
        name: String? = nil, establishedOn: CivilDate? = nil, address: String? = nil, communeCode: String? = nil,
        legalForm: String? = nil, vsic: [String]? = nil, vsicVersion: Int? = nil, formerProvince: FormerProvince? = nil,
        cleared: Set<ClearableField> = []
    ) {
        self.cleared = cleared
        self.name = name
        self.establishedOn = establishedOn
        self.address = address
        self.communeCode = communeCode
        self.legalForm = legalForm
        self.vsic = vsic
        self.vsicVersion = vsicVersion
        self.formerProvince = formerProvince
    }

    /// Cleans text (NFC, trimmed) and checks shapes, so that the clerk hears about every field
    /// by name before the database is asked. Returns warnings that do not stop the write.
    mutating func validate(today: CivilDate, requireName: Bool) throws(RegistryError) -> [Warning] {
        var warnings: [Warning] = []
        name = try CleanText.clean(name, field: "name", label: ("Tên doanh nghiệp", "The name"), maxLength: 400, required: requireName)
        address = try CleanText.clean(address, field: "address", label: ("Địa chỉ", "The address"), maxLength: 1000, required: false, allowLineBreaks: true)
        legalForm = try CleanText.clean(legalForm, field: "legal_form", label: ("Loại hình", "The legal form"), maxLength: 200, required: false)
        communeCode = try CleanText.clean(communeCode, field: "commune_code", label: ("Mã xã", "The commune code"), maxLength: 5, required: false)
        if let code = communeCode, code.count != 5 || !code.allSatisfy({ $0.isASCII && $0.isNumber }) {
            throw RegistryError.invalid(
                "commune_code", code,
                vi: "Mã xã “\(code)” phải gồm đúng 5 chữ số (danh mục đơn vị hành chính).",
                en: "Commune code “\(code)” must be exactly 5 digits (national list of administrative units).")
        }
        if let date = establishedOn, date > today {
            throw RegistryError.invalid(
                "established_on", date.description,
                vi: "Ngày thành lập \(date.vietnamese) ở tương lai (hôm nay là \(today.vietnamese)).",
                en: "Establishment date \(date) is in the future (today is \(today)).")
        }
        if let codes = vsic {
            var seen = Set<String>()
            for code in codes {
                guard code.count == 4, code.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                    throw RegistryError.invalid(
                        "vsic", code, vi: "Mã ngành “\(code)” phải là mã VSIC cấp 4, gồm đúng 4 chữ số.",
                        en: "Industry code “\(code)” must be a level-4 VSIC code of exactly 4 digits.")
                }
                guard seen.insert(code).inserted else {
                    throw RegistryError.invalid("vsic", code, vi: "Mã ngành “\(code)” bị ghi hai lần.", en: "Industry code “\(code)” is given twice.")
                }
            }
            if !codes.isEmpty && vsicVersion == nil {
                vsicVersion = 2025
                warnings.append(Warning(
                    vi: "Không ghi phiên bản VSIC: coi là VSIC 2025 (Quyết định 36/2025/QĐ-TTg).",
                    en: "vsic_version not given: assumed 2025 (VSIC 2025, Decision 36/2025/QĐ-TTg)."))
            }
        }
        if let version = vsicVersion, !VSICVersion.known.contains(version) {
            throw RegistryError.invalid("vsic_version", String(version), vi: "Phiên bản VSIC là 2018 hoặc 2025.", en: "The VSIC version is 2018 or 2025.")
        }
        return warnings
    }
}
