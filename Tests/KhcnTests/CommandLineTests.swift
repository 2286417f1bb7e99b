import Foundation
import TestSupport
import Testing

/// Runs the built `khcn` as a clerk or a script would, and checks exit codes, JSON and words.
struct KhcnRun {
    let status: Int32
    let stdout: String
    let stderr: String

    var json: Any? { try? JSONSerialization.jsonObject(with: Data(stdout.utf8), options: [.fragmentsAllowed]) }
    var object: [String: Any] { json as? [String: Any] ?? [:] }
    var errorObject: [String: Any] { object["error"] as? [String: Any] ?? [:] }

    static var executable: URL {
        get throws {
            var candidates: [URL] = []
            if let test = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
                candidates.append(URL(fileURLWithPath: test).deletingLastPathComponent().appendingPathComponent("khcn"))
            }
            candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("khcn"))
            candidates.append(Bundle.main.bundleURL.appendingPathComponent("khcn"))
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            candidates.append(root.appendingPathComponent(".build/debug/khcn"))
            guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
                throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: candidates.map(\.path).joined(separator: ", ")])
            }
            return found
        }
    }

    /// `login`: run as that personal login over 127.0.0.1 (password from a 0600 PGPASSFILE);
    /// `input`: what standard input holds (e.g. for `--password-stdin`).
    static func run(_ arguments: [String], database: TestDatabase? = nil, as login: TestLogin? = nil,
                    input: String? = nil, environment extra: [String: String] = [:]) throws -> KhcnRun {
        let process = Process()
        process.executableURL = try executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["KHCN_LANG"] = nil
        environment["KHCN_DATABASE_URL"] = database?.conninfo
        if let login { environment.merge(try login.environment()) { $1 } }
        environment.merge(extra) { $1 }
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let inputPipe = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : inputPipe
        try process.run()
        if let input {
            inputPipe.fileHandleForWriting.write(Data(input.utf8))
            try inputPipe.fileHandleForWriting.close()
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return KhcnRun(status: process.terminationStatus,
                       stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }
}

@Suite struct CommandLineTests {
    @Test func unreachableServerExits69WithAHelpfulMessage() throws {
        let run = try KhcnRun.run(["enterprise", "list", "--json", "--database-url", "postgresql://clerk:secret@127.0.0.1:1/khcn?connect_timeout=2"])
        #expect(run.status == 69)
        #expect(run.errorObject["type"] as? String == "database-unavailable")
        #expect(run.stderr.contains("Scripts/db start"))
        #expect(!run.stderr.contains("secret") && !run.stdout.contains("secret"))
    }

    @Test func unmigratedDatabaseExits69AndSaysToMigrate() throws {
        let database = try TestDatabase.create(migrated: false)
        defer { database.drop() }
        let run = try KhcnRun.run(["enterprise", "list"], database: database)
        #expect(run.status == 69)
        #expect(run.stderr.contains("khcn db migrate"))
        let migrate = try KhcnRun.run(["db", "migrate", "--json"], database: database)
        #expect(migrate.status == 0)
        #expect((migrate.object["applied"] as? [String])?.first == "0035_baseline")
        #expect(try KhcnRun.run(["enterprise", "list"], database: database).status == 0)
    }

    @Test func aClerksFirstMinutes() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let add = try KhcnRun.run([
            "enterprise", "add", "--tax-code", "0101 248 141", "--name", "Công ty TNHH Tân Trào", "--established", "2019-03-12",
            "--vsic", "7210", "--vsic-version", "2018", "--former-province", "ha-giang", "--actor", "Lan", "--reason", "hồ sơ", "--json",
        ], database: database)
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.object["tax_code"] as? String == "0101248141")
        #expect(add.object["vsic"] as? [String] == ["7210"])
        #expect(add.object["warnings"] as? [String] == [])
        #expect(add.object["certificates"] as? [Any] != nil)

        let show = try KhcnRun.run(["enterprise", "show", "0101248141"], database: database)
        #expect(show.status == 0)
        #expect(show.stdout.contains("Tên doanh nghiệp"))
        #expect(show.stdout.contains("12/03/2019"))

        let english = try KhcnRun.run(["enterprise", "show", "0101248141", "--lang", "en"], database: database)
        #expect(english.stdout.contains("2019-03-12"))

        let list = try KhcnRun.run(["enterprise", "list", "--search", "tan trao", "--json"], database: database)
        #expect((list.json as? [[String: Any]])?.map { $0["tax_code"] as? String } == ["0101248141"])

        let history = try KhcnRun.run(["history", "0101248141", "--json"], database: database)
        let changes = history.json as? [[String: Any]] ?? []
        #expect(changes.count == 1)
        #expect(changes.first?["actor"] as? String == "Lan")
        #expect(changes.first?["batch"] is NSNull)
        #expect(Set(changes.first?.keys.map { $0 } ?? []) == ["at", "kind", "key", "action", "actor", "db_user", "reason", "legal_ref", "batch", "old", "new"])
    }

    @Test(arguments: [
        (["enterprise", "show", "0101248142"], Int32(65), "constraint-error"),             // wrong check digit
        (["enterprise", "show", "101248141"], Int32(65), "constraint-error"),              // lost leading zero
        (["enterprise", "show", "0100109106"], Int32(3), "not-found"),                     // valid, not registered
        (["enterprise", "add", "--tax-code", "0100109106", "--name", "X", "--established", "2025-02-31"], Int32(65), "constraint-error"),
        (["enterprise", "add", "--tax-code", "0100109106", "--name", "X", "--established", "31/01/2025"], Int32(64), "usage-error"),
        (["enterprise", "add", "--tax-code", "0100109106"], Int32(64), "usage-error"),     // missing --name
        (["enterprise", "add", "--tax-code", "0100109106", "--name", "  "], Int32(65), "missing-cell"),
        (["enterprise", "set-status", "0100109106", "closed", "--on", "2025-01-01"], Int32(64), "usage-error"),
        (["enterprise", "delete", "0100109106"], Int32(64), "usage-error"),                // --reason required
        (["enterprise", "frobnicate"], Int32(64), "usage-error"),
    ])
    func badInputGetsTheContractExitCodeAndAnErrorObject(_ arguments: [String], _ status: Int32, _ type: String) throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let run = try KhcnRun.run(arguments + ["--json"], database: database)
        #expect(run.status == status, "\(run.stderr)")
        #expect(run.errorObject["type"] as? String == type)
        #expect(run.errorObject.keys.sorted() == ["field", "message", "sqlstate", "type", "value"])
        #expect(!run.stderr.isEmpty)
        let count = try database.connect().query("SELECT count(*) FROM audit_log").scalar
        #expect(count == "0")
    }

    @Test func duplicateTaxCodeExits65AndLeavesTheFirstRecord() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        #expect(try KhcnRun.run(["enterprise", "add", "--tax-code", "0101248141", "--name", "A"], database: database).status == 0)
        let again = try KhcnRun.run(["enterprise", "add", "--tax-code", "0101248141", "--name", "B", "--json"], database: database)
        #expect(again.status == 65)
        #expect(again.errorObject["type"] as? String == "unique-error")
        let show = try KhcnRun.run(["enterprise", "show", "0101248141", "--json"], database: database)
        #expect(show.object["name"] as? String == "A")
    }

    @Test func vietnameseTableColumnsLineUp() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        _ = try KhcnRun.run(["enterprise", "add", "--tax-code", "0101248141", "--name", "Công ty Tân Trào"], database: database)
        _ = try KhcnRun.run(["enterprise", "add", "--tax-code", "0100109106", "--name", "HTX Chè Shan tuyết Hồng Thái"], database: database)
        let list = try KhcnRun.run(["enterprise", "list"], database: database)
        let lines = list.stdout.split(separator: "\n").prefix(4).map(String.init)
        // The status column starts at the same character position on every row.
        let positions = lines.compactMap { line -> Int? in
            for word in ["Trạng thái", "Đang hoạt động"] {
                if let range = line.range(of: word) { return line.distance(from: line.startIndex, to: range.lowerBound) }
            }
            return nil
        }
        #expect(positions.count == 3)
        #expect(Set(positions).count == 1)
    }
}
