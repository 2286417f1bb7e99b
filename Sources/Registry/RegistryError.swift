import Postgres

/// Everything that can go wrong in the registry, carrying what a person needs (field, value,
/// a message in Vietnamese and English) and what a program needs (type, SQLSTATE, exit code).
public struct RegistryError: Error, Sendable {
    /// The outcome classes of contract §3; each maps to one exit code.
    public enum Kind: Sendable, Equatable {
        case notFound          // 3
        case usage             // 64
        case rule              // 65
        case inputFile         // 66
        case unavailable       // 69
        case conflict          // 75
        case permission        // 77
        case bug               // 1
    }

    public var kind: Kind
    /// Machine-readable type for `--json` (`constraint-error`, `unique-error`, `not-found`, …).
    public var type: String
    public var field: String?
    public var value: String?
    public var vietnamese: String
    public var english: String
    public var sqlstate: String?
    /// The rule a database refusal named, still to be read from `khcn_rule` (SQL/0030): until
    /// then the messages are the server's own. See `explained(on:)`.
    var pendingRule: String?

    public init(
        _ kind: Kind, type: String, field: String? = nil, value: String? = nil,
        vi: String, en: String, sqlstate: String? = nil
    ) {
        self.kind = kind
        self.type = type
        self.field = field
        self.value = value
        self.vietnamese = vi
        self.english = en
        self.sqlstate = sqlstate
    }

    public func message(_ language: Language) -> String {
        language == .vietnamese ? vietnamese : english
    }

    public var exitCode: Int32 {
        switch kind {
        case .notFound: 3
        case .usage: 64
        case .rule: 65
        case .inputFile: 66
        case .unavailable: 69
        case .conflict: 75
        case .permission: 77
        case .bug: 1
        }
    }

    /// A value of the right shape that breaks a rule (exit 65).
    public static func invalid(_ field: String, _ value: String?, vi: String, en: String) -> RegistryError {
        RegistryError(.rule, type: "constraint-error", field: field, value: value, vi: vi, en: en)
    }

    /// A day given with `--on` that the rules refuse (exit 65, field `on`): in the future, or
    /// before the day the step follows (a revocation before the issue), both days named.
    public static func invalidOn(_ date: CivilDate, vi: String, en: String) -> RegistryError {
        invalid("on", date.description, vi: vi, en: en)
    }

    /// A value already registered where the database keeps it unique (exit 65), named before
    /// the unique index would refuse it.
    public static func duplicate(_ field: String, _ value: String?, vi: String, en: String) -> RegistryError {
        RegistryError(.rule, type: "unique-error", field: field, value: value, vi: vi, en: en)
    }

    public static func notFound(_ field: String, _ value: String, vi: String, en: String) -> RegistryError {
        RegistryError(.notFound, type: "not-found", field: field, value: value, vi: vi, en: en)
    }
}

/// The two languages of human output (contract §2).
public enum Language: String, Sendable, CaseIterable {
    case vietnamese = "vi"
    case english = "en"
}

extension RegistryError {
    /// Translates a server error into the registry's terms. A trigger refusal (SQL/0030's
    /// khcn_refuse) carries its own words; any other named constraint leaves its rule to be
    /// read from the database by `explained(on:)`, so the guarantee and the person's message
    /// share one name and one home.
    public init(_ error: PostgresError) {
        switch error.kind {
        case .connection:
            self = .connectionFailed(error)
            return
        case .invalidParameter:
            self.init(.rule, type: "type-error", vi: "Giá trị chứa ký tự NUL, không thể lưu.", en: "A value contains a NUL byte, which cannot be stored.")
            return
        case .connectionLost:
            self = .connectionLost(error)
            return
        case .commitOutcomeUnknown:
            self = .commitOutcomeUnknown(error)
            return
        case .client, .transactionRolledBack:
            self.init(.bug, type: "internal-error", vi: "Lỗi không mong đợi (lỗi phần mềm): \(error.message)", en: "Unexpected failure (a bug): \(error.message)")
            return
        case .server:
            break
        }
        let state = error.sqlstate ?? ""
        if error.isTransient || state == "55P03" {
            self.init(
                .conflict, type: "conflict",
                vi: "Một thay đổi đồng thời đã cản trở thao tác; không có gì được ghi. Hãy thử lại.",
                en: "A concurrent change got in the way; nothing was written. Please retry.", sqlstate: state)
            return
        }
        // A missing privilege or a row outside the login's provinces (contract §9).
        if state == "42501" {
            self = .permission(
                vi: error.hint ?? "Tài khoản này không có quyền làm việc này (\(error.message)).",
                en: "This login may not do this: \(error.message).", sqlstate: state)
            return
        }
        if error.isUndefinedObject {
            self = .schemaNotMigrated(detail: error.message)
            return
        }
        // Triggers refuse rows through khcn_refuse(): English message, Vietnamese hint.
        if state == "23514", let hint = error.hint {
            self.init(.rule, type: "constraint-error", field: error.column, vi: hint, en: error.message, sqlstate: state)
            return
        }
        if let name = error.constraint, state.hasPrefix("23") {
            self = .refusedByServer(error, state: state)
            pendingRule = name
            return
        }
        switch state.prefix(2) {
        case "23", "22", "P0":
            self = .refusedByServer(error, state: state)
        case "08" where state != "08P01", "57" where PostgresError.endsSession(state):
            self = .connectionLost(error)   // normally classified by the connection already
        case "53":
            // 53100 disk_full, 53200 out_of_memory, 53300 too_many_connections: the server
            // refused the work and rolled the transaction back.
            self.init(
                .unavailable, type: "database-unavailable",
                vi: "Máy chủ cơ sở dữ liệu thiếu tài nguyên (\(error.message)); không có gì được ghi. Hãy báo người quản trị (ổ đĩa đầy? quá nhiều kết nối?) rồi chạy lại đúng lệnh này.",
                en: "The database server ran out of resources (\(error.message)); nothing was written. Tell the database administrator (disk full? too many connections?), then run the same command again.",
                sqlstate: state)
        case "57":
            // 57014 query_canceled (statement_timeout, pg_cancel_backend), 57P04 database dropped.
            self.init(
                .unavailable, type: "database-unavailable",
                vi: "Máy chủ đã hủy câu lệnh (\(error.message)); không có gì được ghi. Hãy thử lại; nếu lặp lại, hỏi người quản trị cơ sở dữ liệu.",
                en: "The server cancelled the statement (\(error.message)); nothing was written. Try again; if it recurs, ask the database administrator.",
                sqlstate: state)
        default:
            self.init(
                .bug, type: "internal-error",
                vi: "Lỗi không mong đợi (lỗi phần mềm): \(error.message)", en: "Unexpected failure (a bug): \(error.message)",
                sqlstate: state)
        }
    }

    /// A connection that went away (contract §3: 69), in words given the server's first line.
    private static func lost(_ error: PostgresError, type: String, vi: (String) -> String, en: (String) -> String) -> RegistryError {
        let reason = error.message.firstLine
        return RegistryError(.unavailable, type: type, vi: vi(reason), en: en(reason), sqlstate: error.sqlstate)
    }

    /// The server went away mid-command (contract §3: 69). Nothing was committed: the server
    /// rolls back an open transaction when its session ends, so running again is safe.
    public static func connectionLost(_ error: PostgresError) -> RegistryError {
        lost(error, type: "database-unavailable",
             vi: { "Mất kết nối tới cơ sở dữ liệu giữa chừng (\($0)). Chưa có gì được ghi: thay đổi hoặc lần nhập này KHÔNG được áp dụng. Hãy khởi động máy chủ nếu nó đã dừng (Scripts/db start), rồi chạy lại đúng lệnh này; nhập lại cùng tệp là an toàn." },
             en: { "Lost the connection to the database (\($0)). Nothing was committed: this change or import was NOT applied. Start the server if it is stopped (Scripts/db start), then run the same command again; importing the same file again is safe." })
    }

    /// The connection went away while COMMIT was under way: the server may have committed just
    /// before, so saying either "applied" or "not applied" could be false.
    public static func commitOutcomeUnknown(_ error: PostgresError) -> RegistryError {
        lost(error, type: "commit-outcome-unknown",
             vi: { "Mất kết nối tới cơ sở dữ liệu đúng lúc ghi (COMMIT) (\($0)): không thể biết thay đổi đã được áp dụng hay chưa. Khi máy chủ chạy lại, hãy kiểm tra trước: khcn import list cho biết lần nhập đã được ghi chưa (khcn history KHÓA cho một bản ghi). Nhập lại cùng tệp vẫn an toàn." },
             en: { "Lost the connection to the database while committing (\($0)): whether the change was applied is unknown. When the server is back, check first: khcn import list shows whether the import was recorded (khcn history KEY for a single record). Importing the same file again is safe either way." })
    }

    /// The login lacks a right or the province (exit 77, contract §3).
    public static func permission(field: String? = nil, value: String? = nil, vi: String, en: String, sqlstate: String? = nil) -> RegistryError {
        RegistryError(.permission, type: "permission-error", field: field, value: value, vi: vi, en: en, sqlstate: sqlstate)
    }

    public static func schemaNotMigrated(detail: String) -> RegistryError {
        schemaNotMigrated(vi: detail, en: detail)
    }

    /// The schema is missing or behind; the detail says what, in each language.
    public static func schemaNotMigrated(vi: String, en: String) -> RegistryError {
        RegistryError(
            .unavailable, type: "schema-not-migrated",
            vi: "Cơ sở dữ liệu chưa được cập nhật lược đồ (\(vi)). Hãy chạy: khcn db migrate",
            en: "The database schema is not migrated (\(en)). Run: khcn db migrate")
    }
}

extension String {
    /// libpq's messages run on over indented lines ("This probably means…"); the first says it.
    var firstLine: String { String(split(separator: "\n", maxSplits: 1).first ?? "") }
}

/// Runs database work and reports failures in registry terms.
@inline(__always)
func translating<T>(_ work: () throws -> T) throws(RegistryError) -> T {
    do {
        return try work()
    } catch let error as RegistryError {
        throw error
    } catch let error as PostgresError {
        throw RegistryError(error)
    } catch {
        throw RegistryError(.bug, type: "internal-error", vi: "Lỗi không mong đợi (lỗi phần mềm): \(error)", en: "Unexpected failure (a bug): \(error)")
    }
}

/// Something the clerk should know that does not stop the write (contract §2: `"warnings"`).
public struct Warning: Sendable, Equatable {
    public let vietnamese: String
    public let english: String

    public init(vi: String, en: String) {
        self.vietnamese = vi
        self.english = en
    }
}
