import Foundation
@testable import Registry
import TestSupport
import Testing

/// What an import records: its batch, its audit rows, and how revert undoes it (contract §6).
@Suite struct ImportBatchTests {
    @Test func reimportingTheSameFileChangesNothingButRecordsTheBatch() throws {
        let path = try temporaryFile("tax_code,name\n0101248141,A\n0100109106,B\n")
        try withRegistry { session in
            let first = try importing(session, .enterprise, path)
            #expect(first.inserted == 2)
            let audited = try count(session, "SELECT count(*) FROM audit_log")
            let again = try importing(session, .enterprise, path)
            #expect(again.unchanged == 2 && again.inserted == 0 && again.updated == 0)
            #expect(again.batch == first.batch.map { $0 + 1 })
            #expect(try count(session, "SELECT count(*) FROM audit_log") == audited)
            #expect(try count(session, "SELECT count(*) FROM import_batch") == 2)
            #expect(try session.connection.query("SELECT sha256 FROM import_batch ORDER BY id").rows.compactMap { $0["sha256"] }.count == 2)
        }
    }

    @Test func aBlankCellNeverErasesAStoredValue() throws {
        try withRegistry { session in
            _ = try importing(session, .enterprise, try temporaryFile("tax_code,name,address\n0101248141,A,Tổ 1\n"))
            let report = try importing(session, .enterprise, try temporaryFile("tax_code,name,address\n0101248141,B,\n"))
            #expect(report.updated == 1)
            #expect(try session.connection.query("SELECT name || ' ' || address FROM enterprise").scalar == "B Tổ 1")
        }
    }

    @Test func dryRunWritesNothing() throws {
        try withRegistry { session in
            let report = try importing(session, .enterprise, try temporaryFile("tax_code,name\n0101248141,A\n")) { $0.dryRun = true }
            #expect(report.valid && report.exitCode == 0 && report.inserted == 1 && report.batch == nil)
            #expect(try count(session, "SELECT count(*) FROM enterprise") == 0)
            #expect(try count(session, "SELECT count(*) FROM audit_log WHERE kind <> 'user-province'") == 0)
            #expect(try count(session, "SELECT count(*) FROM import_batch") == 0)
        }
    }

    @Test func everyChangePointsAtItsBatchAndRevertPutsEverythingBack() throws {
        try withRegistry { session in
            _ = try EnterpriseRegister(session).add(try TaxCode(parsing: "0101248141"), EnterpriseFields(name: "A", address: "Tổ 1"), context: testClerk)
            let report = try importing(session, .enterprise, try temporaryFile("tax_code,name,address\n0101248141,A mới,Tổ 2\n0100109106,B,\n"))
            let batch = try #require(report.batch)
            #expect(try count(session, "SELECT count(*) FROM audit_log WHERE batch = \(batch)") == 2)
            let undone = try ImportBatches(session).revert(batch, context: ChangeContext(actor: "Nguyễn Thị Lan", reason: "nhập nhầm tệp"))
            #expect(undone == 2)
            #expect(try session.connection.query("SELECT string_agg(tax_code || ' ' || name || ' ' || address, ';') FROM enterprise").scalar == "0101248141 A Tổ 1")
            let history = try History(session).changes(key: "0101248141")
            #expect(history.last?.reason == "nhập nhầm tệp")
            #expect(throws: RegistryError.self) { try ImportBatches(session).revert(batch, context: testClerk) }   // only once
        }
    }

    @Test func revertIsRefusedNamingRecordsChangedAfterTheBatch() throws {
        try withRegistry { session in
            let report = try importing(session, .enterprise, try temporaryFile("tax_code,name\n0101248141,A\n0100109106,B\n"))
            _ = try EnterpriseRegister(session).update(try TaxCode(parsing: "0100109106"), EnterpriseFields(name: "B2"), context: testClerk)
            let error = try #require(throws: RegistryError.self) { try ImportBatches(session).revert(report.batch!, context: testClerk) }
            #expect(error.exitCode == 65)
            #expect(error.english.contains("0100109106"))
            #expect(!error.english.contains("0101248141"))
            #expect(try count(session, "SELECT count(*) FROM enterprise") == 2)
        }
    }
}
