import Foundation
import Postgres
import TestSupport
import Testing

/// `khcn audit seal` / `verify` against a real server; the tampering is done as the superuser
/// (triggers off with session_replication_role), which is what the seals must catch.
@Suite struct AuditSealTests {
    static func difference(_ run: KhcnRun) -> (Int?, String?) {
        let found = run.object["first_difference"] as? [String: Any]
        #expect(found == nil || found!.keys.sorted() == ["id", "what"], "contract §9: {\"id\", \"what\"}")
        return (found?["id"] as? Int, found?["what"] as? String)
    }

    @Test func aChangeRemovalOrInsertionAfterASealIsNamed() throws {
        try withKhcn { database, khcn in
            let superuser = try database.connect()
            #expect(try khcn("enterprise", "add", "--tax-code", "0101248141", "--name", "Công ty Tân Trào").status == 0)
            // A rolled-back transaction leaves a gap in the ids: not a removal.
            try superuser.query("BEGIN")
            try superuser.query("INSERT INTO enterprise (province_code, tax_code, name) VALUES ('08', '0100109106', 'bỏ')")
            try superuser.query("ROLLBACK")
            #expect(try khcn("enterprise", "update", "0101248141", "--address", "Tổ 1").status == 0)
            #expect(try khcn("enterprise", "update", "0101248141", "--address", "Tổ 2").status == 0)
            let ids = try superuser.query("SELECT id FROM audit_log ORDER BY id").rows.map { try $0.decode("id", as: Int.self) }
            #expect(ids == [1, 3, 4])

            let seal = try khcn("audit", "seal", "--json")
            #expect(seal.status == 0, "\(seal.stderr)")
            #expect(seal.object.keys.sorted() == ["count", "from_id", "hash", "id", "sealed_at", "to_id"])
            #expect(seal.object["count"] as? Int == 3)
            #expect(seal.object["to_id"] as? Int == 4)
            let intact = try khcn("audit", "verify", "--json")
            #expect(intact.status == 0)
            #expect(intact.object["intact"] as? Bool == true && intact.object["rows"] as? Int == 3)
            #expect(intact.object.keys.sorted() == ["first_difference", "intact", "rows", "seals"])

            let actor = try superuser.query("SELECT actor FROM audit_log WHERE id = 3").scalar
            try superuser.query("SET session_replication_role = replica")
            try superuser.query("UPDATE audit_log SET actor = 'kẻ khác' WHERE id = 3")
            let changed = try khcn("audit", "verify", "--json")
            #expect(changed.status == 65)
            #expect(Self.difference(changed) == (3, "changed"))
            #expect(try khcn("audit", "verify").stdout.contains("3"))
            try superuser.query("UPDATE audit_log SET actor = \(actor) WHERE id = 3")
            #expect(try khcn("audit", "verify").status == 0)

            try superuser.query("CREATE TEMP TABLE kept AS SELECT * FROM audit_log WHERE id = 3")
            try superuser.query("DELETE FROM audit_log WHERE id = 3")
            let removed = try khcn("audit", "verify", "--json")
            #expect(removed.status == 65)
            #expect(Self.difference(removed) == (3, "removed"))
            try superuser.query("INSERT INTO audit_log OVERRIDING SYSTEM VALUE SELECT * FROM kept")
            #expect(try khcn("audit", "verify").status == 0)

            try superuser.query("UPDATE kept SET id = 2")
            try superuser.query("INSERT INTO audit_log OVERRIDING SYSTEM VALUE SELECT * FROM kept")
            let inserted = try khcn("audit", "verify", "--json", "--lang", "en")
            #expect(inserted.status == 65)
            #expect(Self.difference(inserted) == (2, "inserted"))
            #expect(inserted.stderr.contains("Audit row 2 was inserted"))
            try superuser.query("DELETE FROM audit_log WHERE id = 2")
            #expect(try khcn("audit", "verify").status == 0)
        }
    }

    @Test func aRewrittenChainPassesPlainVerifyButNotAnEarlierPrintedHash() throws {
        try withKhcn { database, khcn in
            let superuser = try database.connect()
            #expect(try khcn("enterprise", "add", "--tax-code", "0101248141", "--name", "Công ty Tân Trào").status == 0)
            let printed = try #require(try khcn("audit", "seal", "--json").object["hash"] as? String)
            // The report's footer carries the hash an auditor keeps.
            let report = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString + ".html")
            defer { try? FileManager.default.removeItem(at: report) }
            #expect(try khcn("report", "--format", "html", "--output", report.path).status == 0)
            #expect(try String(contentsOf: report, encoding: .utf8).contains(printed))
            #expect(try khcn("enterprise", "update", "0101248141", "--address", "Tổ 1").status == 0)
            #expect(try khcn("audit", "seal").status == 0)
            #expect(try khcn("audit", "verify", "--seal", printed).status == 0)

            // A superuser edits a sealed row and rebuilds every seal consistently.
            try superuser.query("SET session_replication_role = replica")
            try superuser.query("UPDATE audit_log SET new = jsonb_set(new, '{name}', '\"Công ty Khác\"') WHERE id = 1")
            try superuser.query("DELETE FROM audit_seal_row")
            try superuser.query("DELETE FROM audit_seal")
            try superuser.query("SELECT khcn_audit_seal()")
            #expect(try khcn("audit", "verify").status == 0)
            let caught = try khcn("audit", "verify", "--seal", printed, "--json")
            #expect(caught.status == 65)
            #expect(Self.difference(caught).1 == "not-in-chain")
            #expect(try khcn("audit", "verify", "--seal", "abc").status == 64)
        }
    }

    @Test func aSealNeverCoversRowsOfATransactionStillOpen() throws {
        try withKhcn { database, khcn in
            #expect(try khcn("enterprise", "add", "--tax-code", "0101248141", "--name", "Công ty Tân Trào").status == 0)
            let open = try database.connect()
            try open.query("BEGIN")
            try open.query("INSERT INTO enterprise (province_code, tax_code, name) VALUES ('08', '0100109106', 'Công ty Đang Ghi')")
            let pending = Int(try open.query("SELECT max(id) FROM audit_log").scalar!)!
            // A later write commits first, with a larger id.
            #expect(try khcn("enterprise", "update", "0101248141", "--address", "Tổ 1").status == 0)
            let first = try khcn("audit", "seal", "--json")
            #expect(first.status == 0)
            #expect(first.object["to_id"] as? Int == pending - 1)
            try open.query("COMMIT")
            #expect(try khcn("audit", "verify").status == 0)
            let second = try khcn("audit", "seal", "--json")
            #expect(second.object["from_id"] as? Int == pending)
            #expect((second.object["to_id"] as? Int ?? 0) > pending)
            #expect(second.object["count"] as? Int == 2)
            #expect(try khcn("audit", "verify", "--json").object["rows"] as? Int == 3)
            let nothing = try khcn("audit", "seal")
            #expect(nothing.status == 0 && nothing.stdout.contains("Không có dòng nhật ký mới"))
        }
    }
}
