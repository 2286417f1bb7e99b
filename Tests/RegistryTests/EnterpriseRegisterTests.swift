import Foundation
import Postgres
@testable import Registry
import TestSupport
import Testing

/// Against the real server that Scripts/test starts; each test gets its own database.
@Suite struct EnterpriseRegisterTests {
    let clerk = ChangeContext(actor: "Nguyễn Thị Lan", reason: "hồ sơ đăng ký", legalRef: "12/QĐ-SKHCN")

    /// As a clerk login of 08 (contract §9), never as the superuser.
    func withRegistry(_ body: (RegistrySession) throws -> Void) throws {
        try TestSupport.withRegistry(as: .clerk, body)
    }

    @Test func sqlAndSwiftAgreeOnTaxCodes() throws {
        try withRegistry { session in
            let cases = TaxCodeCases.valid.map { ($0, true) } + TaxCodeCases.invalid.map { ($0, false) }
            for (code, valid) in cases {
                let database = try session.connection.query("SELECT coalesce(khcn_tax_code_is_valid(\(code)), false)").scalar == "t"
                let swift = (try? TaxCode(parsing: code)) != nil
                #expect(database == valid, "SQL on \(code)")
                #expect(swift == valid, "Swift on \(code)")
            }
        }
    }

    @Test func databaseRejectsABadTaxCodeWrittenWithPlainSQL() throws {
        try withRegistry { session in
            let error = try #require(throws: PostgresError.self) {
                try session.connection.query("INSERT INTO enterprise (tax_code, name) VALUES ('0101248142', 'X')")
            }
            #expect(error.sqlstate == "23514")
            #expect(error.constraint == "enterprise_tax_code_valid")
        }
    }

    @Test func nfdNameIsStoredNFCAndFoundByUnaccentedSearch() throws {
        try withRegistry { session in
            let register = EnterpriseRegister(session)
            let nfd = "Công ty Ta\u{0302}n Tra\u{0300}o"
            _ = try register.add(try TaxCode(parsing: "0101248141"), EnterpriseFields(name: nfd), context: clerk)
            // Stored NFC even when written with psql in NFD.
            try session.connection.query(
                "INSERT INTO enterprise (tax_code, name) VALUES ('0100109106', \("Hợp tác xã Đo\u{0302}ng Sơn"))")
            let stored = try session.connection.query("SELECT name FROM enterprise ORDER BY tax_code").rows.map { $0["name"]! }
            #expect(stored.allSatisfy { $0 == $0.precomposedStringWithCanonicalMapping })
            #expect(try register.list(search: "tan trao").map(\.taxCode.description) == ["0101248141"])
            #expect(try register.list(search: "TÂN TRÀO").map(\.taxCode.description) == ["0101248141"])
            #expect(try register.list(search: "dong son").map(\.taxCode.description) == ["0100109106"])
            #expect(try register.list(search: "100%").isEmpty)
        }
    }

    @Test func auditRowCarriesActorReasonAndDatabaseUser() throws {
        try withRegistry { session in
            _ = try EnterpriseRegister(session).add(try TaxCode(parsing: "0101248141"), EnterpriseFields(name: "Công ty A"), context: clerk)
            let changes = try History(session).changes(key: "0101248141")
            #expect(changes.count == 1)
            let change = try #require(changes.first)
            #expect(change.actor == "Nguyễn Thị Lan")
            #expect(change.reason == "hồ sơ đăng ký")
            #expect(change.legalRef == "12/QĐ-SKHCN")
            #expect(change.dbUser == session.identity?.login)  // the clerk's own login (session_user)
            #expect(change.action == "insert")
            #expect(change.at.hasSuffix("+07:00"))
        }
    }

    @Test func editsMadeWithPsqlAreAuditedToo() throws {
        try withRegistry { session in
            try session.connection.query("INSERT INTO enterprise (tax_code, name) VALUES ('0101248141', 'A')")
            try session.connection.query("UPDATE enterprise SET name = 'B'")
            let changes = try History(session).changes(key: "0101248141")
            #expect(changes.map(\.action) == ["insert", "update"])
            #expect(changes[1].actor == "Nguyễn Thị Lan")  // a personal login's registered name, even from psql
        }
    }

    @Test func auditTrailIsAppendOnly() throws {
        try withRegistry { session in
            _ = try EnterpriseRegister(session).add(try TaxCode(parsing: "0101248141"), EnterpriseFields(name: "A"), context: clerk)
            #expect(throws: PostgresError.self) { try session.connection.query("DELETE FROM audit_log") }
            #expect(throws: PostgresError.self) { try session.connection.query("UPDATE audit_log SET actor = 'x'") }
            #expect(throws: PostgresError.self) { try session.connection.query("TRUNCATE audit_log") }
            #expect(try session.connection.query("SELECT count(*) FROM audit_log WHERE kind <> 'user-province'").scalar == "1")
        }
    }

    @Test func duplicateTaxCodeIsAUniqueErrorAndWritesNothing() throws {
        try withRegistry { session in
            let register = EnterpriseRegister(session)
            _ = try register.add(try TaxCode(parsing: "0101248141"), EnterpriseFields(name: "A"), context: clerk)
            let error = try #require(throws: RegistryError.self) {
                try register.add(try TaxCode(parsing: "0101248141"), EnterpriseFields(name: "B"), context: clerk)
            }
            #expect(error.type == "unique-error")
            #expect(error.exitCode == 65)
            #expect(try register.find(try TaxCode(parsing: "0101248141")).name == "A")
            #expect(try session.connection.query("SELECT count(*) FROM audit_log WHERE kind <> 'user-province'").scalar == "1")
        }
    }

    @Test func statusChangesMustBeInOrder() throws {
        try withRegistry { session in
            let register = EnterpriseRegister(session)
            let code = try TaxCode(parsing: "0101248141")
            _ = try register.add(code, EnterpriseFields(name: "A", establishedOn: CivilDate(iso: "2020-01-01")), context: clerk)
            _ = try register.setStatus(code, to: .suspended, on: CivilDate(iso: "2024-05-01")!, context: clerk)
            let error = try #require(throws: RegistryError.self) {
                try register.setStatus(code, to: .active, on: CivilDate(iso: "2024-04-01")!, context: clerk)
            }
            #expect(error.field == "on")
            // The database holds the same rule for psql users.
            #expect(throws: PostgresError.self) {
                try session.connection.query("UPDATE enterprise SET status = 'active', status_on = '2024-04-01'")
            }
            #expect(try session.connection.query(
                "SELECT enterprise_status_on('08', '0101248141', '2024-04-30') AS before, enterprise_status_on('08', '0101248141', '2024-05-01') AS after")
                .rows.map { [$0["before"], $0["after"]] } == [["active", "suspended"]])
        }
    }

    @Test func rekeyKeepsTheWholeStoryUnderBothKeys() throws {
        try withRegistry { session in
            let register = EnterpriseRegister(session)
            let wrong = try TaxCode(parsing: "0101248141")
            let right = try TaxCode(parsing: "0100109106")
            _ = try register.add(wrong, EnterpriseFields(name: "A"), context: clerk)
            _ = try register.rekey(wrong, to: right, context: ChangeContext(actor: "Nguyễn Thị Lan", reason: "gõ nhầm"))
            #expect(throws: RegistryError.self) { try register.find(wrong) }
            #expect(try register.find(right).name == "A")
            let history = try History(session).changes(key: right.description)
            #expect(history.map(\.action) == ["insert", "update"])
            #expect(history.last?.reason == "gõ nhầm")
            #expect(try History(session).changes(key: wrong.description).count == 2)
        }
    }

    @Test func deleteRemovesTheRecordButNotItsHistory() throws {
        try withRegistry { session in
            let register = EnterpriseRegister(session)
            let code = try TaxCode(parsing: "0101248141")
            _ = try register.add(code, EnterpriseFields(name: "A"), context: clerk)
            _ = try register.delete(code, context: ChangeContext(actor: "Nguyễn Thị Lan", reason: "nhập trùng"))
            let error = try #require(throws: RegistryError.self) { try register.find(code) }
            #expect(error.exitCode == 3)
            let history = try History(session).changes(key: code.description)
            #expect(history.map(\.action) == ["insert", "delete"])
            #expect(history.last?.oldJSON?.contains("\"name\": \"A\"") == true)
        }
    }

    @Test func updateKeepsFieldsNotGivenAndReportsNoChange() throws {
        try withRegistry { session in
            let register = EnterpriseRegister(session)
            let code = try TaxCode(parsing: "0101248141")
            _ = try register.add(code, EnterpriseFields(name: "A", address: "Tổ 1"), context: clerk)
            let changed = try register.update(code, EnterpriseFields(communeCode: "02254"), context: clerk)
            #expect(changed.changed)
            #expect(changed.enterprise.address == "Tổ 1")
            let same = try register.update(code, EnterpriseFields(communeCode: "02254"), context: clerk)
            #expect(!same.changed)
            #expect(try History(session).changes(key: code.description).count == 2)  // a no-op is not audited
        }
    }

    @Test func provincesDoNotSeeEachOthersRecords() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let tuyenQuang = try RegistrySession(connection: try database.connect(), province: ProvinceCode("08"))
        let haNoi = try RegistrySession(connection: try database.connect(), province: ProvinceCode("01"))
        _ = try EnterpriseRegister(tuyenQuang).add(try TaxCode(parsing: "0101248141"), EnterpriseFields(name: "A"), context: clerk)
        #expect(try EnterpriseRegister(haNoi).list().isEmpty)
        _ = try EnterpriseRegister(haNoi).add(try TaxCode(parsing: "0101248141"), EnterpriseFields(name: "B"), context: clerk)
        #expect(try EnterpriseRegister(tuyenQuang).find(try TaxCode(parsing: "0101248141")).name == "A")
    }

    @Test func sortsNamesTheVietnameseWay() throws {
        try withRegistry { session in
            let register = EnterpriseRegister(session)
            for (code, name) in [("0101248141", "Đông"), ("0100109106", "Dung"), ("1200000016", "Ánh")] {
                _ = try register.add(try TaxCode(parsing: code), EnterpriseFields(name: name), context: clerk)
            }
            // Vietnamese alphabet: a … d, đ, e …; byte order would put Ánh and Đông last.
            #expect(try register.list().map(\.name) == ["Ánh", "Dung", "Đông"])
        }
    }
}

@Suite struct MigratorTests {
    @Test func twoConcurrentMigrationsBothSucceed() async throws {
        let database = try TestDatabase.create(migrated: false)
        defer { database.drop() }
        let directory = try Migrator.locateDirectory()
        let name = database.name
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<2 {
                group.addTask {
                    do {
                        let connection = try Connection("dbname=\(name)")
                        try Migrator(connection: connection, directory: directory).migrate()
                        return true
                    } catch {
                        return false
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes == [true, true])
        let connection = try database.connect()
        let status = try Migrator(connection: connection, directory: directory).status()
        #expect(status.pending.isEmpty)
        #expect(try connection.query("SELECT count(*) FROM khcn_migrations").scalar == String(status.applied.count))
    }

    @Test func refusesAMigrationEditedAfterItWasApplied() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        // Simulate an edit: the stored checksum no longer matches the file.
        try connection.query("ALTER TABLE khcn_migrations DISABLE TRIGGER ALL")
        try connection.query("UPDATE khcn_migrations SET checksum = 'edited' WHERE version = 35")
        let migrator = try Migrator(connection: connection, directory: try Migrator.locateDirectory())
        #expect(try migrator.status().edited.map(\.version) == [35])
        let error = try #require(throws: RegistryError.self) { try migrator.migrate() }
        #expect(error.type == "migration-edited")
    }

    @Test func unmigratedDatabaseIsReportedAsUnavailable() throws {
        let database = try TestDatabase.create(migrated: false)
        defer { database.drop() }
        let session = try RegistrySession(connection: try database.connect())
        let error = try #require(throws: RegistryError.self) { try session.requireMigrated() }
        #expect(error.exitCode == 69)
        #expect(error.english.contains("khcn db migrate"))
    }
}
