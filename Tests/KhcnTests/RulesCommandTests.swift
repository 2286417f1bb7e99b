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
        #expect(rules.allSatisfy { Set($0.keys) == ["name", "table", "field", "vi", "en", "basis", "basis_en"] })
        #expect(rules.allSatisfy { !(($0["vi"] as? String) ?? "").isEmpty && !(($0["en"] as? String) ?? "").isEmpty })
        let revoked = try #require(rules.first { $0["name"] as? String == "st_certificate_revoked_after_issue" })
        #expect(revoked["table"] as? String == "st_certificate")
        #expect(revoked["field"] as? String == "revoked_on")
        #expect(revoked["vi"] as? String == "Ngày thu hồi không được trước ngày cấp.")
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
