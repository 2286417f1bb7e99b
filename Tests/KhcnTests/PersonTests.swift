import Foundation
import Postgres
import TestSupport
import Testing

/// Persons as IP applicants (Law 91/2025/QH15; contract §9): held by id, initials for a
/// viewer, and erased everywhere while the sealed audit trail still verifies.
@Suite struct PersonTests {
    @Test func anErasedNameIsFoundNowhereAndTheSealsStillHold() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        func khcn(_ arguments: String...) throws -> KhcnRun { try KhcnRun.run(arguments, database: database) }
        let name = "Nguyễn Văn An"
        let added = try khcn("ip", "add", "--kind", "invention", "--application-number", "1-2024-00001", "--filed", "2024-05-10",
                             "--title", "Máy sao chè", "--applicant-name", name, "--applicant-type", "person", "--json")
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.object["applicant_name"] as? String == name)
        #expect(added.object["applicant_type"] as? String == "person")
        #expect(try khcn("ip", "add", "--kind", "invention", "--application-number", "1-2024-00009", "--filed", "2024-05-10",
                         "--title", "x", "--applicant-name", name, "--applicant-type", "person", "--applicant-tax-code", "0101248141").status == 64)

        // The same person (and a namesake-like second one) through an import.
        let folder = try Scratch.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("ip.csv")
        try """
            kind,application_number,filed_on,title,applicant_name,applicant_type
            invention,1-2024-00002,2024-06-01,Quy trình ủ chè,\(name),person
            utility-solution,2-2024-00003,2024-06-02,Khay sấy,Nguyễn Văn Anh,person
            invention,1-2024-00004,2024-06-03,Thiết bị,Viện Chè,organisation

            """.write(to: file, atomically: true, encoding: .utf8)
        let imported = try khcn("import", "ip", file.path, "--json")
        #expect(imported.status == 0, "\(imported.stdout)")
        let again = try khcn("import", "ip", file.path, "--json")
        #expect((again.object["stats"] as? [String: Any])?["unchanged"] as? Int == 3)

        let shown = try khcn("person", "show", "nguyen van an", "--json")
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.object["name"] as? String == name)
        #expect((shown.object["ip_applications"] as? [[String: Any]])?.compactMap { $0["application_number"] as? String } == ["1-2024-00001", "1-2024-00002"])
        let id = try #require(shown.object["id"] as? Int)
        #expect(try khcn("person", "show", "Nguyễn Văn", "--json").status == 65)   // fits both: listed
        #expect(try khcn("person", "erase", "Nguyễn Văn", "--reason", "x").stderr.contains("Nguyễn Văn Anh"))
        #expect(try khcn("person", "show", "Trần Thị B").status == 3)

        // A viewer sees initials, in psql too: a viewer login of 08 over SCRAM (contract §9).
        let viewer = try database.createLogin(.viewer).connect()
        #expect(try viewer.query("SELECT name FROM person_visible WHERE id = \(String(id))").scalar == "N. V. A.")
        #expect(try viewer.query("SELECT applicant_name FROM ip_canonical WHERE application_number = '1-2024-00001'").scalar == "N. V. A.")
        #expect(throws: PostgresError.self) { try viewer.query("SELECT name FROM person") }

        #expect(try khcn("audit", "seal").status == 0)
        let erased = try khcn("person", "erase", String(id), "--reason", "\(name) yêu cầu xóa theo Luật 91/2025/QH15", "--json")
        #expect(erased.status == 0, "\(erased.stderr)")
        #expect(erased.object["name"] as? String == "Cá nhân #\(id)")
        #expect(try khcn("audit", "verify").status == 0)

        // Every table of the schema, the audit trail and import batches included.
        let superuser = try database.connect()
        let tables = try superuser.query(
            "SELECT c.oid::regclass::text AS name FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')").rows.map { $0["name"]! }
        #expect(tables.contains("audit_log") && tables.contains("import_batch") && tables.contains("person"))
        for table in tables {
            let hits = try superuser.query("SELECT count(*) FROM \(sql: table) t WHERE t::text LIKE \("%\(name),%")").scalar
            let exact = try superuser.query("SELECT count(*) FROM \(sql: table) t WHERE t::text ~ \("Nguyễn Văn An([^h]|$)")").scalar
            #expect(hits == "0" && exact == "0", "\(table) still holds the name")
        }
        #expect(try khcn("ip", "show", "1-2024-00002", "--json").object["applicant_name"] as? String == "Cá nhân #\(id)")
        #expect(try khcn("export", "ip").stdout.contains("Cá nhân #\(id),"))
        #expect(try khcn("person", "erase", String(id), "--reason", "lần hai").status == 65)
    }
}
