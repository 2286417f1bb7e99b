import Foundation
import Postgres
import Registry
import TestSupport
import Testing

/// Contract §9, held by the database: each test connects as a personal login over
/// 127.0.0.1 with SCRAM (never as the superuser) and tries what the rules forbid, both
/// through the registry and with raw SQL, as psql would.
@Suite struct SecurityTests {
    /// A database with one enterprise in 08 (Tuyên Quang) and one in 01 (Hà Nội), written by
    /// the maintenance superuser.
    static func twoProvinces() throws -> TestDatabase {
        let database = try TestDatabase.create()
        let connection = try database.connect()
        try connection.query("""
            INSERT INTO enterprise (province_code, tax_code, name, established_on)
            VALUES ('08', '0101248141', 'Công ty Tuyên Quang', '2015-01-01'), ('01', '0100109106', 'Công ty Hà Nội', '2015-01-01')
            """)
        return database
    }

    static func sqlstate(_ work: () throws -> Void) -> String? {
        do { try work(); return nil } catch let error as PostgresError { return error.sqlstate } catch { return "?" }
    }

    @Test func viewerReadsButEveryWriteIsRefused() throws {
        let database = try SecurityTests.twoProvinces()
        defer { database.drop() }
        let viewer = try database.createLogin(.viewer)
        let session = try viewer.session()
        #expect(try EnterpriseRegister(session).find(try TaxCode(parsing: "0101248141")).name == "Công ty Tuyên Quang")
        let error = try #require(throws: RegistryError.self) {
            try register("0100109106", in: session)
        }
        #expect(error.exitCode == 77)
        #expect(error.type == "permission-error")
        #expect(error.value == "register-write")
        let raw = try viewer.connect()
        #expect(SecurityTests.sqlstate { try raw.query("INSERT INTO enterprise (province_code, tax_code, name) VALUES ('08', '0100109106', 'X')") } == "42501")
        #expect(SecurityTests.sqlstate { try raw.query("UPDATE enterprise SET name = 'X'") } == "42501")
        #expect(SecurityTests.sqlstate { try raw.query("DELETE FROM enterprise") } == "42501")
    }

    @Test func clerkOf08SeesNoneOf01sRowsAndCannotWriteThem() throws {
        let database = try SecurityTests.twoProvinces()
        defer { database.drop() }
        let clerk = try database.createLogin(.clerk, provinces: ["08"])
        let raw = try clerk.connect()
        #expect(try raw.query("SELECT string_agg(province_code, ',') FROM enterprise").scalar == "08")
        #expect(try raw.query("SELECT count(*) FROM audit_log WHERE province_code = '01'").scalar == "0")
        #expect(try raw.query("SELECT count(*) FROM enterprise_canonical WHERE province_code = '01'").scalar == "0")
        #expect(try raw.query("UPDATE enterprise SET name = 'Đổi tên' WHERE province_code = '01'").affectedRows == 0)
        #expect(try raw.query("DELETE FROM enterprise WHERE province_code = '01'").affectedRows == 0)
        #expect(SecurityTests.sqlstate {
            try raw.query("INSERT INTO enterprise (province_code, tax_code, name) VALUES ('01', '0101248141', 'X')")
        } == "42501")
        #expect(SecurityTests.sqlstate { try raw.query("UPDATE enterprise SET province_code = '01' WHERE tax_code = '0101248141'") } == "42501")
        // Naming the province through khcn is exit 77; its own is the default.
        let error = try #require(throws: RegistryError.self) { _ = try clerk.session(province: "01") }
        #expect(error.exitCode == 77)
        #expect(error.field == "province")
        #expect(try clerk.session().province.code == "08")
        let untouched = try database.connect().query("SELECT name FROM enterprise WHERE province_code = '01'").scalar
        #expect(untouched == "Công ty Hà Nội")
    }

    /// The name search matches with the owner's rights (SQL/0028, for the trigram index under
    /// row-level security): it still finds only what the login may see, by khcn and by psql.
    @Test func nameSearchFindsOnlyTheLoginsProvinces() throws {
        let database = try SecurityTests.twoProvinces()
        defer { database.drop() }
        let clerk = try database.createLogin(.clerk)
        let session = try clerk.session()
        #expect(try EnterpriseRegister(session).list(search: "cong ty").map(\.taxCode.description) == ["0101248141"])
        #expect(try EnterpriseRegister(session).list(search: "ha noi").isEmpty)
        let connection = try clerk.connect()
        #expect(try connection.query("SELECT count(*) FROM khcn_enterprise_name_matches('01', 'ha noi')").scalar == "0")
        #expect(try connection.query("SELECT count(*) FROM khcn_enterprise_name_matches('08', 'cong ty')").scalar == "1")
    }

    @Test func loginWorksInItsFirstGrantedProvinceUnlessAnotherGrantedIsNamed() throws {
        let database = try SecurityTests.twoProvinces()
        defer { database.drop() }
        let clerk = try database.createLogin(.clerk, provinces: ["01", "08"])
        #expect(try clerk.session().province.code == "01")
        let session = try clerk.session(province: "08")
        #expect(session.province.code == "08")
        #expect(try EnterpriseRegister(session).find(try TaxCode(parsing: "0101248141")).name == "Công ty Tuyên Quang")
    }

    @Test(arguments: [
        "UPDATE audit_log SET actor = 'X'",
        "DELETE FROM audit_log",
        "TRUNCATE audit_log",
        "INSERT INTO audit_log (province_code, kind, key, keys, action, actor, db_user) VALUES ('08', 'enterprise', 'k', '{k}', 'insert', 'X', 'postgres')",
        "ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only",
        "ALTER TABLE audit_log DISABLE TRIGGER ALL",
        "ALTER TABLE enterprise DISABLE TRIGGER audit_insert",
        "SET session_replication_role = replica",
        "DROP TABLE enterprise",
        "TRUNCATE enterprise",
        "ALTER TABLE enterprise NO FORCE ROW LEVEL SECURITY",
        "SELECT khcn_user_add('t_forged', 'X', 'admin', '{08}', 'SCRAM-SHA-256$4096:x')",
        "UPDATE import_batch SET db_user = 'postgres'",
    ])
    func clerkCannotTouchTheAuditTrailOrTheSchema(_ statement: String) throws {
        let database = try SecurityTests.twoProvinces()
        defer { database.drop() }
        let clerk = try database.createLogin(.clerk)
        let trail = "SELECT count(*), max(id), sum(length(actor)) FROM audit_log"
        let before = try database.connect().query(Query(sql: trail)).rows.map(\.values)
        let raw = try clerk.connect()
        #expect(SecurityTests.sqlstate { try raw.query(Query(sql: statement)) } == "42501", "\(statement)")
        #expect(try database.connect().query(Query(sql: trail)).rows.map(\.values) == before)
    }

    @Test func auditRowsCarryTheLoginAndItsRegisteredNameWhichCannotBeForged() throws {
        let database = try SecurityTests.twoProvinces()
        defer { database.drop() }
        let clerk = try database.createLogin(.clerk, fullName: "Trần Văn Bình")
        let session = try clerk.session()
        // No --actor: the registered name.
        _ = try EnterpriseRegister(session).add(try TaxCode(parsing: "0100109106"), EnterpriseFields(name: "Công ty Mới"),
                                                context: ChangeContext(actor: "root", actorIsExplicit: false))
        let row = try database.connect().query(
            "SELECT actor, db_user FROM audit_log WHERE key = '0100109106' AND province_code = '08'").rows.first
        #expect(row?["actor"] == "Trần Văn Bình")
        #expect(row?["db_user"] == clerk.login)
        // Someone else's name through khcn: 77 before anything is written.
        let error = try #require(throws: RegistryError.self) {
            try EnterpriseRegister(session).update(try TaxCode(parsing: "0100109106"), EnterpriseFields(address: "Số 1"),
                                                   context: ChangeContext(actor: "Nguyễn Thị Lan"))
        }
        #expect(error.exitCode == 77)
        #expect(error.field == "actor")
        // The same name in NFD is the same name.
        let nfd = "Trần Văn Bình".decomposedStringWithCanonicalMapping
        _ = try EnterpriseRegister(session).update(try TaxCode(parsing: "0100109106"), EnterpriseFields(address: "Số 2"),
                                                   context: ChangeContext(actor: nfd))
        // And with raw SQL: setting khcn.actor to another name is refused by the database.
        let raw = try clerk.connect()
        let state = SecurityTests.sqlstate {
            try raw.transaction {
                try raw.query("SELECT set_config('khcn.actor', 'Nguyễn Thị Lan', true)")
                try raw.query("UPDATE enterprise SET address = 'Số 3' WHERE tax_code = '0100109106'")
            }
        }
        #expect(state == "42501")
        let actors = try database.connect().query("SELECT DISTINCT actor FROM audit_log WHERE key = '0100109106' AND province_code = '08'").rows
        #expect(actors.map { $0["actor"] } == ["Trần Văn Bình"])
    }

    @Test func adminManagesLoginsWithoutCreateRole() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let admin = try database.createLogin(.admin, fullName: "Lê Quản Trị")
        let raw = try admin.connect()
        #expect(try raw.query("SELECT rolcreaterole OR rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user").scalar == "f")
        let session = try admin.session()
        let context = ChangeContext(actor: "Lê Quản Trị", reason: "cán bộ mới")
        let users = Users(session)
        let login = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(10).lowercased()
        let account = try users.add(login, fullName: "Phạm Thu Hà", role: .viewer, provinces: ["08", "01"],
                                    password: "một mật khẩu dài", context: context)
        #expect(account.provinces == ["08", "01"])
        #expect(try users.revoke(login, province: "01", context: context).provinces == ["08"])
        #expect(try users.setDisabled(login, true, context: context).disabled)
        #expect(try raw.query("SELECT rolcanlogin FROM pg_roles WHERE rolname = \(login)").scalar == "f")
        #expect(try users.setDisabled(login, false, context: context).disabled == false)
        // The password never reaches the server in plain text: the function refuses it.
        #expect(SecurityTests.sqlstate { try raw.query("SELECT khcn_user_password(\(login), 'plain text password')") } == "23514")
        // An admin cannot reset the superuser's password or make a superuser.
        #expect(SecurityTests.sqlstate { try raw.query("SELECT khcn_user_password('postgres', 'SCRAM-SHA-256$4096:x')") } == "P0002")
        #expect(SecurityTests.sqlstate { try raw.query("ALTER ROLE postgres PASSWORD 'x'") } == "42501")
        #expect(SecurityTests.sqlstate { try raw.query("CREATE ROLE t_rogue LOGIN") } == "42501")
        let unknown = try #require(throws: RegistryError.self) { _ = try users.grant("t_nobody", province: "08", context: context) }
        #expect(unknown.exitCode == 3)
        // A clerk may not manage logins: 77 naming the right.
        let clerk = try database.createLogin(.clerk)
        let refused = try #require(throws: RegistryError.self) { _ = try Users(try clerk.session()).list() }
        #expect(refused.exitCode == 77 && refused.value == "users")
        #expect(SecurityTests.sqlstate { try clerk.connect().query("SELECT * FROM khcn_user") } == "42501")
        #expect(SecurityTests.sqlstate { try clerk.connect().query("SELECT khcn_user_grant(\(clerk.login), '01')") } == "42501")
    }

    @Test func everyObjectIsOwnedByTheOwnerRoleAndIsolatedWhenItHoldsAProvince() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        let strays = try connection.query("""
            SELECT string_agg(c.relname, ', ') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v', 'S') AND c.relowner <> 'khcn_owner'::regrole
               AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('e', 'i', 'a'))
            """).scalar
        #expect(strays == nil)
        let open = try connection.query("""
            SELECT string_agg(c.relname, ', ') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND c.relkind = 'r' AND NOT (c.relrowsecurity AND c.relforcerowsecurity)
               AND c.relname NOT IN ('khcn_user_province', 'province_former')   -- the national list: reference data
               AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'province_code')
            """).scalar
        #expect(open == nil)
        #expect(try connection.query("SELECT rolbypassrls AND NOT rolcanlogin FROM pg_roles WHERE rolname = 'khcn_owner'").scalar == "t")
    }

    @Test func policyLooksUpTheGrantsOncePerStatementNotPerRow() throws {
        let database = try SecurityTests.twoProvinces()
        defer { database.drop() }
        let clerk = try database.createLogin(.clerk)
        let plan = try clerk.connect().query("EXPLAIN SELECT * FROM enterprise").rows.map { $0["QUERY PLAN"] ?? "" }.joined(separator: "\n")
        #expect(plan.contains("InitPlan"))
        #expect(plan.contains("= ANY ($0)") || plan.contains("ANY ($0)"))
    }
}
