import Foundation
import Postgres

/// The three groups of contract §9, in order of what they may do (admin ⊃ clerk ⊃ viewer).
public enum Role: String, Sendable, CaseIterable, Comparable {
    case viewer, clerk, admin

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A right of contract §9 and the least role that holds it. khcn checks it before asking the
/// database, only to name the missing right; the database's grants and policies decide.
public enum Right: String, Sendable {
    case read, ownPassword = "own-password"
    case registerWrite = "register-write", importBatches = "import", targetsRecord = "targets-record"
    case users, targetsSetRule = "targets-set-rule", auditSeal = "audit-seal", personErase = "person-erase"

    public var minimumRole: Role {
        switch self {
        case .read, .ownPassword: .viewer
        case .registerWrite, .importBatches, .targetsRecord: .clerk
        case .users, .targetsSetRule, .auditSeal, .personErase: .admin
        }
    }

    var words: (vi: String, en: String) {
        switch self {
        case .read: ("đọc sổ đăng ký", "read the registry")
        case .ownPassword: ("đổi mật khẩu của mình", "change its own password")
        case .registerWrite: ("ghi sổ đăng ký", "write the registers")
        case .importBatches: ("nhập và hoàn tác lô dữ liệu", "import and revert batches")
        case .targetsRecord: ("ghi nhận số liệu chỉ tiêu", "record target figures")
        case .users: ("quản lý tài khoản", "manage logins")
        case .targetsSetRule: ("chọn quy tắc tính chỉ tiêu", "set a target's counting rule")
        case .auditSeal: ("niêm phong nhật ký", "seal the audit trail")
        case .personErase: ("xóa dữ liệu cá nhân", "erase a person")
        }
    }
}

/// Who the session's login is (SQL `khcn_session_identity()`): its group, its registered
/// full name when `khcn user add` made it, and the provinces granted to it in grant order.
public struct SessionIdentity: Sendable {
    public let login: String
    /// Set for a personal login: the actor of every change it makes (contract §2).
    public let fullName: String?
    /// nil for a login in none of the groups; superusers hold every right.
    public let role: Role?
    public let isSuperuser: Bool
    public let provinces: [ProvinceCode]

    /// Reads the identity; nil on a database that predates SQL/0020 (then only the
    /// database's own checks apply).
    static func load(_ connection: Connection) throws -> SessionIdentity? {
        guard try connection.query("SELECT to_regprocedure('khcn_session_identity()') IS NOT NULL").scalar == "t" else { return nil }
        let row = try connection.query("SELECT login, full_name, role, array_to_string(provinces, ',') AS provinces FROM khcn_session_identity()").first
        guard let row, let login = row["login"] else { return nil }
        return SessionIdentity(
            login: login, fullName: row["full_name"], role: row["role"].flatMap(Role.init(rawValue:)), isSuperuser: row["role"] == "superuser",
            provinces: (row["provinces"] ?? "").split(separator: ",").compactMap { ProvinceCode(String($0)) })
    }

    public func holds(_ right: Right) -> Bool {
        isSuperuser || (role.map { $0 >= right.minimumRole } ?? false)
    }

    /// Exit 77 naming the right and the role that would hold it (contract §9).
    public func require(_ right: Right) throws(RegistryError) {
        guard !holds(right) else { return }
        let words = right.words
        let has = role?.rawValue ?? "—"
        throw RegistryError.permission(
            field: "right", value: right.rawValue,
            vi: "Tài khoản \(login) (vai trò \(has)) không có quyền \(words.vi) (\(right.rawValue)); cần vai trò \(right.minimumRole.rawValue).",
            en: "Login \(login) (role \(has)) lacks the right to \(words.en) (\(right.rawValue)); it needs the \(right.minimumRole.rawValue) role.")
    }

    /// The province the session works in: the one named if it is granted, else the first
    /// granted (contract §9). Logins khcn did not make keep the old default, 08.
    func province(requested: ProvinceCode?) throws(RegistryError) -> ProvinceCode {
        guard fullName != nil, !isSuperuser else { return requested ?? .tuyenQuang }
        guard let first = provinces.first else {
            throw RegistryError.permission(
                field: "province", value: requested?.code,
                vi: "Tài khoản \(login) chưa được cấp tỉnh nào; hãy nhờ quản trị viên chạy: khcn user grant \(login) --province MÃ",
                en: "Login \(login) has no province granted; ask an admin to run: khcn user grant \(login) --province CODE")
        }
        guard let requested else { return first }
        guard provinces.contains(requested) else {
            throw RegistryError.permission(
                field: "province", value: requested.code,
                vi: "Tỉnh \(requested) chưa được cấp cho tài khoản \(login) (được cấp: \(provinces.map(\.code).joined(separator: ", "))).",
                en: "Province \(requested) is not granted to login \(login) (granted: \(provinces.map(\.code).joined(separator: ", "))).")
        }
        return requested
    }

    /// The actor a change is recorded under: a personal login's registered name, and an
    /// `--actor` that differs from it (after NFC) is refused (contract §2).
    func actor(for context: ChangeContext) throws(RegistryError) -> ChangeContext {
        guard let fullName else { return context }
        let declared = context.actor.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
        if context.actorIsExplicit && declared != fullName {
            throw RegistryError.permission(
                field: "actor", value: context.actor,
                vi: "Tài khoản \(login) chỉ ghi dưới tên đã đăng ký “\(fullName)”, không ghi thay “\(context.actor)” được.",
                en: "Login \(login) writes under its registered name “\(fullName)”, not as “\(context.actor)”.")
        }
        var context = context
        context.actor = fullName
        return context
    }
}
