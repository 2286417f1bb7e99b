import Foundation
import Postgres

/// A personal login as `khcn user list` shows it (contract §9).
public struct UserAccount: Sendable {
    public let login: String
    public let fullName: String
    public let role: Role
    /// In grant order: the first is the login's default province.
    public let provinces: [String]
    public let disabled: Bool
}

/// Personal logins (contract §9). Every change goes through a SECURITY DEFINER function of
/// SQL/0021, so no admin holds CREATEROLE, and passwords leave this process already hashed.
public struct Users {
    let session: RegistrySession

    public init(_ session: RegistrySession) { self.session = session }

    /// The shortest password accepted (a clerk's login guards a province's registers).
    public static let minimumPasswordLength = 10

    public func add(_ login: String, fullName: String, role: Role, provinces: [String], password: String,
                    context: ChangeContext) throws(RegistryError) -> UserAccount {
        let name = try CleanText.clean(fullName, field: "full_name", label: ("Họ và tên", "The full name"), maxLength: 200, required: true)!
        for province in provinces { try Users.checkProvince(province) }
        let hash = try hashed(password, for: login)
        try session.write(context, right: .users) {
            try session.connection.query("SELECT khcn_user_add(\(login), \(name), \(role.rawValue), \(provinces)::text[], \(hash))")
        }
        return try account(login)
    }

    public func list() throws(RegistryError) -> [UserAccount] {
        try session.require(.users)
        return try session.read { try session.connection.query("\(sql: Users.selectSQL) ORDER BY u.login").rows.map(Users.decode) }
    }

    public func account(_ login: String) throws(RegistryError) -> UserAccount {
        let row = try session.read { try session.connection.query("\(sql: Users.selectSQL) WHERE u.login = \(login)").first }
        guard let row else { throw Users.unknown(login) }
        return Users.decode(row)
    }

    public func grant(_ login: String, province: String, context: ChangeContext) throws(RegistryError) -> UserAccount {
        try Users.checkProvince(province)
        try call("SELECT khcn_user_grant(\(login), \(province))", login: login, context: context)
        return try account(login)
    }

    public func revoke(_ login: String, province: String, context: ChangeContext) throws(RegistryError) -> UserAccount {
        try call("SELECT khcn_user_revoke(\(login), \(province))", login: login, context: context)
        return try account(login)
    }

    /// Disable (the login is refused from then on; its history stays) or enable again.
    public func setDisabled(_ login: String, _ disabled: Bool, context: ChangeContext) throws(RegistryError) -> UserAccount {
        try call("SELECT khcn_user_set_disabled(\(login), \(disabled), \(context.reason))", login: login, context: context)
        return try account(login)
    }

    /// Any login changes its own password; an admin another's (contract §9).
    public func setPassword(_ login: String?, password: String) throws(RegistryError) -> String {
        let own = session.identity?.login ?? session.connection.user
        let target = login ?? own
        try session.require(target == own ? .ownPassword : .users)
        let hash = try hashed(password, for: target)
        try call("SELECT khcn_user_password(\(target), \(hash))", login: target, context: nil)
        return target
    }

    // MARK: - Internals

    static let selectSQL = """
        SELECT u.login, u.full_name, u.role,
               (SELECT array_to_string(array_agg(p.province_code ORDER BY p.position), ',') FROM khcn_user_province p WHERE p.login = u.login) AS provinces,
               u.disabled_at IS NOT NULL AS disabled
          FROM khcn_user u
        """

    /// A row of `selectSQL`.
    static func decode(_ row: Row) -> UserAccount {
        UserAccount(login: row["login"] ?? "", fullName: row["full_name"] ?? "", role: Role(rawValue: row["role"] ?? "") ?? .viewer,
                    provinces: (row["provinces"] ?? "").split(separator: ",").map(String.init), disabled: row["disabled"] == "t")
    }

    private func hashed(_ password: String, for login: String) throws(RegistryError) -> String {
        guard password.count >= Users.minimumPasswordLength else {
            throw RegistryError.invalid(
                "password", nil,
                vi: "Mật khẩu phải có ít nhất \(Users.minimumPasswordLength) ký tự.",
                en: "A password needs at least \(Users.minimumPasswordLength) characters.")
        }
        return try session.read { try session.connection.encryptPassword(password, user: login) }
    }

    /// Runs a login function; an unknown login (SQLSTATE P0002) is exit 3.
    private func call(_ statement: Query, login: String, context: ChangeContext?) throws(RegistryError) {
        do {
            if let context {
                try session.write(context, right: .users) { try session.connection.query(statement) }
            } else {
                _ = try session.read { try session.connection.query(statement) }
            }
        } catch where error.sqlstate == "P0002" {
            throw Users.unknown(login)
        }
    }

    static func unknown(_ login: String) -> RegistryError {
        .notFound("login", login, vi: "Không có tài khoản khcn “\(login)” (xem: khcn user list).",
                  en: "No khcn login “\(login)” (see: khcn user list).")
    }

    /// Contract §4: a province is a two-digit code (the shape `ProvinceCode` holds).
    static func checkProvince(_ code: String) throws(RegistryError) {
        guard ProvinceCode(code) != nil else {
            throw RegistryError.invalid("province", code, vi: "Mã tỉnh gồm 2 chữ số (Tuyên Quang là 08, Hà Nội là 01).",
                                        en: "A province code is 2 digits (Tuyên Quang is 08, Hà Nội is 01).")
        }
    }
}
