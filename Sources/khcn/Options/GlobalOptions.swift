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

    /// Opens the registry for a command that only reads (show, list, history, export, progress,
    /// report, watch): from `KHCN_READ_URL` when it is set, typically a standby with
    /// `target_session_attrs=prefer-standby` (contract §11), unless `--database-url` was given,
    /// which then serves everything.
    func openRegistryForReading() throws(RegistryError) -> RegistrySession {
        let session = try RegistrySession(databaseURL: readingURL, province: provinceCode)
        try session.requireMigrated()
        return session
    }

    /// Opens a connection without checking the schema (for `db migrate` and `db status`).
    func connect() throws(RegistryError) -> RegistrySession {
        try RegistrySession(databaseURL: writingURL, province: provinceCode)
    }

    /// Where everything is written: `--database-url`, else `KHCN_DATABASE_URL`, else libpq's
    /// environment (empty).
    var writingURL: String { databaseURL ?? environment["KHCN_DATABASE_URL"] ?? "" }

    /// Where a reading command reads (`openRegistryForReading`).
    var readingURL: String {
        guard databaseURL == nil, let readURL = environment["KHCN_READ_URL"], !readURL.isEmpty else { return writingURL }
        return readURL
    }
}

/// Where a command works: `GlobalOptions`, or `UserGlobalOptions` for the user commands.
protocol CommandScope: ParsableArguments {
    var global: GlobalOptions { get }
}

extension GlobalOptions: CommandScope {
    var global: GlobalOptions { self }
}

/// The options of §2 without `--province`, which `user add|grant|revoke` use for the province
/// granted: the session works in the admin's own first province.
struct UserGlobalOptions: CommandScope {
    @Option(name: .long, help: .databaseURL)
    var databaseURL: String?

    @Option(name: .long, help: .lang)
    var lang: Language?

    @Flag(name: .long, help: .json)
    var json = false

    var global: GlobalOptions {
        var options = GlobalOptions()
        options.databaseURL = databaseURL
        options.province = nil
        options.lang = lang
        options.json = json
        return options
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
