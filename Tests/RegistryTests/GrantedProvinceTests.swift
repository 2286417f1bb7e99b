import Foundation
import Postgres
import TestSupport
import Testing

/// SQL/0035: what the person functions and the status history let a login of 08 do to 01,
/// tried with raw SQL as psql would, logged in as the clerk and the admin (SCRAM).
@Suite struct GrantedProvinceTests {
    @Test func personFunctionsKeepToTheLoginsProvinces() throws {
        let database = try SecurityTests.twoProvinces()
        defer { database.drop() }
        let superuser = try database.connect()
        let other = try #require(try superuser.query("SELECT khcn_person_for('01', 'Nguyễn Văn B') AS id").first?.decode("id", as: Int.self))

        let clerk = try database.createLogin(.clerk).connect()
        #expect(SecurityTests.sqlstate { try clerk.query("SELECT khcn_person_for('01', 'Nguyễn Văn B')") } == "42501")
        #expect(SecurityTests.sqlstate { try clerk.query("SELECT khcn_person_for('01', 'Trần Thị C')") } == "42501")
        #expect(try clerk.query("SELECT khcn_person_for('08', 'Trần Thị C') IS NOT NULL AS made").first?["made"] == "t")
        #expect(SecurityTests.sqlstate { try clerk.query("SELECT khcn_person_for_any('01', 'Trần Thị C')") } == "42501")

        // An admin of 08 cannot erase a person of 01: "not found", as if there were none.
        let admin = try database.createLogin(.admin, fullName: "Lê Văn Quản").connect()
        #expect(SecurityTests.sqlstate { try admin.query("SELECT khcn_person_erase(\(other)::bigint)") } == "P0002")
        #expect(SecurityTests.sqlstate { try admin.query("SELECT khcn_person_erase_any(\(other)::bigint)") } == "42501")
        #expect(try superuser.query("SELECT name FROM person WHERE id = \(other)::bigint").scalar == "Nguyễn Văn B")
        #expect(try superuser.query("SELECT count(*) FROM person WHERE province_code = '01'").scalar == "1")
    }

    @Test func onlyTheEnterpriseTriggersWriteTheStatusHistory() throws {
        let database = try SecurityTests.twoProvinces()
        defer { database.drop() }
        let clerk = try database.createLogin(.clerk).connect()
        for statement in [
            "UPDATE enterprise_status_change SET effective_on = '2016-01-01' WHERE tax_code = '0101248141'",
            "DELETE FROM enterprise_status_change WHERE tax_code = '0101248141'",
            "INSERT INTO enterprise_status_change (province_code, tax_code, status, effective_on) VALUES ('08', '0101248141', 'dissolved', '2020-01-01')",
        ] {
            #expect(SecurityTests.sqlstate { try clerk.query(Query(sql: statement)) } == "42501", "\(statement)")
        }
        // … while a status change the clerk makes is still recorded there, by the trigger.
        try clerk.transaction {
            try clerk.query("SELECT set_config('khcn.reason', 'thử', true)")
            try clerk.query("UPDATE enterprise SET status = 'suspended', status_on = '2024-05-01' WHERE tax_code = '0101248141'")
        }
        let history = try database.connect().query(
            "SELECT string_agg(status || ' ' || effective_on, ', ' ORDER BY effective_on) FROM enterprise_status_change WHERE tax_code = '0101248141'"
        ).scalar
        #expect(history?.hasSuffix("suspended 2024-05-01") == true, "\(history ?? "nil")")
    }
}
