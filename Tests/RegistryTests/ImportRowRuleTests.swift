import Foundation
import Postgres
@testable import Registry
import TestSupport
import Testing

/// The import's Swift pre-checks (`RowRules`, `RegistryChecks`) exist only to name the line of
/// a bad row; the database is each rule's home. These tests hold the two together: every rule
/// the import mirrors is named in the schema, every event date has its rule, and for a table
/// of rows, the import's refusal and the database's own refusal of the same row name the same
/// constraint.
@Suite struct ImportRowRuleTests {
    /// Next year's 1 January: a date in the future for the database and for the import alike.
    static let future = "\(Calendar(identifier: .gregorian).component(.year, from: Date()) + 1)-01-01"

    /// A row the import refuses in Swift, the same row written straight to the database
    /// (`INSERT INTO` followed by `into`), and the rule both must name.
    struct Case: Sendable, CustomStringConvertible {
        let rule: MirroredRule
        let kind: RecordKind
        let csv: String
        let into: String
        init(_ rule: MirroredRule, _ kind: RecordKind, _ csv: String, into: String) {
            (self.rule, self.kind, self.csv, self.into) = (rule, kind, csv, into)
        }
        var description: String { rule.rawValue }
    }

    static let application = "kind,application_number,filed_on,title,applicant_name"
    static let cases: [Case] = [
        Case(.certificateRevokedAfterIssue, .certificate, "tax_code,certificate_number,issued_on,revoked_on\n0101248141,01/2024,2024-03-01,2024-02-01\n",
             into: "st_certificate (province_code, tax_code, certificate_number, issued_on, revoked_on) VALUES ('08', '0101248141', '01/2024', '2024-03-01', '2024-02-01')"),
        Case(.fundClosedAfterEstablished, .fund, "tax_code,established_on,closed_on\n0101248141,2024-02-01,2024-01-01\n",
             into: "st_fund (province_code, tax_code, established_on, closed_on) VALUES ('08', '0101248141', '2024-02-01', '2024-01-01')"),
        Case(.enterpriseEstablishedPlausible, .enterprise, "tax_code,name,established_on\n0100109106,B,\(future)\n",
             into: "enterprise (province_code, tax_code, name, established_on) VALUES ('08', '0100109106', 'B', '\(future)')"),
        Case(.ipKindMatchesNumber, .ip, "\(application)\ninvention,2-2021-00001,2021-01-01,B,Viện X\n",
             into: "ip_application (province_code, application_number, kind, filed_on, title, applicant_name) VALUES ('08', '2-2021-00001', 'invention', '2021-01-01', 'B', 'X')"),
        Case(.ipHasApplicant, .ip, "kind,application_number,filed_on,title\ninvention,1-2021-00002,2021-01-01,B\n",
             into: "ip_application (province_code, application_number, kind, filed_on, title) VALUES ('08', '1-2021-00002', 'invention', '2021-01-01', 'B')"),
        Case(.ipGrantNumberWithGrant, .ip, "\(application),grant_number\ninvention,1-2020-00001,2020-01-01,A,Viện X,1-0000001\n",
             into: "ip_event (province_code, application_number, event, event_on, grant_number) VALUES ('08', '1-2020-00001', 'published', '2021-01-01', '1-0000001')"),
        Case(.ipEventOrder, .ip, "\(application),published_on\ninvention,1-2020-00001,2020-01-01,A,Viện X,2019-06-01\n",
             into: "ip_event (province_code, application_number, event, event_on) VALUES ('08', '1-2020-00001', 'published', '2019-06-01')"),
        Case(.ipPriorityNotAfterFiling, .ip, "\(application),priority_on\ninvention,1-2021-00003,2021-01-01,C,Viện X,2021-03-01\n",
             into: "ip_application (province_code, application_number, kind, filed_on, title, applicant_name, priority_on) VALUES ('08', '1-2021-00003', 'invention', '2021-01-01', 'C', 'X', '2021-03-01')"),
    ]

    @Test(arguments: cases)
    func theImportAndTheDatabaseRefuseARowForTheSameRule(_ rule: Case) throws {
        try withRegistry { session in
            try register("0101248141", in: session)
            // An application filed on 2020-01-01, for the rules about its events.
            _ = try importing(session, .ip, try temporaryFile("\(ImportRowRuleTests.application)\ninvention,1-2020-00001,2020-01-01,A,Viện X\n"))
            let report = try importing(session, rule.kind, try temporaryFile(rule.csv))
            #expect(report.errors.map(\.line) == [2], "\(report.errors)")
            #expect(report.errors.first?.rule == rule.rule.rawValue, "\(report.errors)")
            let refusal = try #require(throws: PostgresError.self) { try session.connection.query(Query(sql: "INSERT INTO " + rule.into)) }
            #expect(refusal.constraint == rule.rule.rawValue, "\(refusal)")
        }
    }

    /// Every mirrored rule is a name the schema can refuse a row under (RulesTests.refusalNames:
    /// a constraint, a unique index, or a name a trigger refuses with).
    @Test func everyMirroredRuleIsNamedInTheSchema() throws {
        try withRegistry { session in
            let names = MirroredRule.allCases.map(\.rawValue)
            let unknown = try session.connection.query("""
                SELECT n AS name FROM unnest(\(names)::text[]) AS n
                 WHERE n NOT IN (SELECT name FROM (\(sql: RulesTests.refusalNames)) AS known(name))
                """).rows.map { $0["name"] }
            #expect(unknown.isEmpty, "not in the schema: \(unknown)")
        }
    }

    /// A date column the import reads either has the rule that refuses it in the future, or
    /// is the one that may be (`until_on`): the Swift check never silently skips a column.
    @Test(arguments: RecordKind.allCases)
    func everyDateColumnHasTheRuleAgainstTheFuture(_ kind: RecordKind) {
        for column in ImportColumns.columns(kind) where column.name.hasSuffix("_on") {
            #expect((MirroredRule.futureDate(kind, column.name) == nil) == (column.name == "until_on"), "\(kind) \(column.name)")
        }
    }
}
