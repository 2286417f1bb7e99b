import Foundation
import TestSupport
import Testing

/// `khcn rules` (issue 13): every rule from its home in the database, for any login.
@Suite struct RulesCommandTests {
    @Test func aViewerListsTheRulesAsJSONWithBothMessages() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let viewer = try database.createLogin(.viewer)
        let run = try KhcnRun.run(["rules", "--json"], as: viewer)
        #expect(run.status == 0, "\(run.stderr)")
        let rules = try #require(run.json as? [[String: Any]])
        #expect(rules.count > 150)
        // Contract §5: exactly name, kind, message (Vietnamese), message_en, basis.
        #expect(rules.allSatisfy { Set($0.keys) == ["name", "kind", "message", "message_en", "basis"] })
        #expect(rules.allSatisfy { !(($0["message"] as? String) ?? "").isEmpty && !(($0["message_en"] as? String) ?? "").isEmpty })
        let revoked = try #require(rules.first { $0["name"] as? String == "st_certificate_revoked_after_issue" })
        #expect(revoked["kind"] as? String == "certificates")
        #expect(revoked["message"] as? String == "Ngày thu hồi không được trước ngày cấp.")
        #expect(revoked["message_en"] as? String == "A certificate cannot be revoked before it was issued.")

        // --kind KIND keeps that kind's rules; an unknown kind is a usage error naming the kinds.
        let ip = try KhcnRun.run(["rules", "--kind", "ip", "--json"], as: viewer)
        let ipRules = try #require(ip.json as? [[String: Any]])
        #expect(!ipRules.isEmpty && ipRules.allSatisfy { $0["kind"] as? String == "ip" })
        #expect(ipRules.contains { $0["name"] as? String == "ip_event_order" })
        let unknown = try KhcnRun.run(["rules", "--kind", "sáng chế"], as: viewer)
        #expect(unknown.status == 64 && unknown.stderr.contains("enterprises"), "\(unknown.stderr)")
    }

    @Test func theTableIsInTheChosenLanguage() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let vietnamese = try KhcnRun.run(["rules"], database: database)
        #expect(vietnamese.status == 0, "\(vietnamese.stderr)")
        #expect(vietnamese.stdout.contains("Quy tắc") && vietnamese.stdout.contains("Vốn không được âm."))
        let english = try KhcnRun.run(["rules", "--lang", "en"], database: database)
        #expect(english.stdout.contains("Rule") && english.stdout.contains("Capital cannot be negative."))
        #expect(!english.stdout.contains("Vốn không được âm."))
    }
}
