import ArgumentParser
import Foundation
import Registry

/// Options every command takes (contract §2): where the database is, which province, which
/// language, and whether to print JSON.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: .databaseURL)
    var databaseURL: String?

    @Option(name: .long, help: .vi("Mã tỉnh (nếu không có: KHCN_PROVINCE; mặc định 08, Tuyên Quang).",
                                   en: "Province code, the tenant key (else KHCN_PROVINCE; default 08, Tuyên Quang)."))
    var province: String?

    @Option(name: .long, help: .lang)
    var lang: Language?

    @Flag(name: .long, help: .json)
    var json = false

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    var language: Language {
        lang ?? environment["KHCN_LANG"].flatMap { Language(rawValue: $0.lowercased()) } ?? .vietnamese
    }

    var printer: Printer { Printer(language: language, json: json) }

    /// nil: the login's first granted province (08 for a login khcn did not make), §9.
    var provinceCode: String? { province ?? environment["KHCN_PROVINCE"].flatMap { $0.isEmpty ? nil : $0 } }

    /// Opens the registry and checks that its schema is current (exit 69 otherwise).
    func openRegistry() throws(RegistryError) -> RegistrySession {
        let session = try connect()
        try session.requireMigrated()
        return session
    }

    /// Opens a connection without checking the schema (for `db migrate` and `db status`).
    func connect() throws(RegistryError) -> RegistrySession {
        let url = databaseURL ?? environment["KHCN_DATABASE_URL"] ?? ""
        return try RegistrySession(databaseURL: url, province: provinceCode)
    }
}

extension Language: ExpressibleByArgument {}

/// Who writes and why (contract §2), for every command that changes the registry.
struct WriteOptions: ParsableArguments {
    @Option(name: .long, help: .actor) var actor: String?
    @Option(name: .long, help: .vi("Lý do thay đổi (lưu vào nhật ký).", en: "Why the change is made (kept in the audit trail).")) var reason: String?
    @Option(name: .long, help: .legalRef) var legalRef: String?

    func context() throws(RegistryError) -> ChangeContext {
        try WriteOptions.context(actor: actor, reason: reason, legalRef: legalRef)
    }

    static func context(actor: String?, reason: String?, legalRef: String?) throws(RegistryError) -> ChangeContext {
        let environment = ProcessInfo.processInfo.environment
        let named = actor ?? environment["KHCN_ACTOR"].flatMap { $0.isEmpty ? nil : $0 }
        let declared = named ?? WriteOptions.loginName
        let actor = try CleanText.clean(declared, field: "actor", label: ("Người thực hiện", "The actor"), maxLength: 200, required: true)!
        let reason = try CleanText.clean(reason, field: "reason", label: ("Lý do", "The reason"), maxLength: 2000, required: false)
        let legalRef = try CleanText.clean(legalRef, field: "legal_ref", label: ("Căn cứ", "The legal reference"), maxLength: 200, required: false)
        return ChangeContext(actor: actor, reason: reason, legalRef: legalRef, actorIsExplicit: named != nil)
    }

    static var loginName: String {
        if let pw = getpwuid(getuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return ProcessInfo.processInfo.environment["USER"] ?? "unknown"
    }
}

/// Who writes and why, where the reason is required (contract §5: `enterprise rekey`,
/// `enterprise delete`, `certificate revoke`, `import revert`): the parser refuses a missing
/// `--reason` (64) and the usage line shows it as required, not as an option.
struct ReasonedWriteOptions: ParsableArguments {
    @Option(name: .long, help: .vi("Lý do (bắt buộc; lưu vào nhật ký).", en: "Why (required; kept in the audit trail).")) var reason: String
    @Option(name: .long, help: .actor) var actor: String?
    @Option(name: .long, help: .legalRef) var legalRef: String?

    func context() throws(RegistryError) -> ChangeContext {
        try WriteOptions.context(actor: actor, reason: reason, legalRef: legalRef)
    }
}

extension ArgumentHelp {
    /// The options of §2, shared with `UserGlobalOptions` (which leaves out `--province`).
    static var databaseURL: ArgumentHelp {
        .vi("Địa chỉ cơ sở dữ liệu PostgreSQL (nếu không có: KHCN_DATABASE_URL, rồi các biến PG* của libpq).",
            en: "PostgreSQL URL (else KHCN_DATABASE_URL, else libpq's PG* environment).")
    }
    static var lang: ArgumentHelp {
        .vi("Ngôn ngữ hiển thị: vi (tiếng Việt, mặc định) hoặc en (tiếng Anh); hoặc đặt KHCN_LANG.",
            en: "Language of human output: vi or en (else KHCN_LANG; default vi).")
    }
    static var json: ArgumentHelp { .vi("In kết quả dạng JSON (cho phần mềm khác đọc).", en: "Print one JSON document on stdout.") }
    static var actor: ArgumentHelp {
        .vi("Người thực hiện (nếu không có: KHCN_ACTOR, rồi tên đăng nhập).", en: "Who makes the change (else KHCN_ACTOR, else the login name).")
    }
    static var legalRef: ArgumentHelp {
        .vi("Văn bản làm căn cứ, ví dụ 123/QĐ-SKHCN.", en: "The decision behind the change, e.g. 123/QĐ-SKHCN.")
    }
}

/// A `YYYY-MM-DD` argument: the shape is checked while parsing (exit 64), the calendar when
/// used (2025-02-31 is a rule violation, exit 65).
struct DateArgument: ExpressibleByArgument {
    let text: String
    let parts: (Int, Int, Int)

    init?(argument: String) {
        guard let parts = CivilDate.isoShape(argument) else { return nil }
        self.text = argument
        self.parts = parts
    }

    func date(field: String) throws(RegistryError) -> CivilDate {
        guard let date = CivilDate(year: parts.0, month: parts.1, day: parts.2) else {
            throw RegistryError.invalid(
                field, text, vi: "Ngày \(text) không tồn tại trong lịch.", en: "The date \(text) does not exist in the calendar.")
        }
        return date
    }

    static var defaultCompletionKind: CompletionKind { .default }
}

extension TaxCode {
    /// Parses a tax code named on the command line; a malformed one is a rule violation (65).
    static func argument(_ raw: String, field: String = "tax_code") throws(RegistryError) -> TaxCode {
        do {
            return try TaxCode(parsing: raw)
        } catch {
            throw RegistryError.invalid(field, raw, vi: error.vietnamese, en: error.english)
        }
    }
}
