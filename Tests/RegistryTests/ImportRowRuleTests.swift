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

    /// A row the import refuses in Swift, the same row written straight to the database, and
    /// the rule both must name.
    struct Case: Sendable, CustomStringConvertible {
        let rule: MirroredRule
        let kind: RecordKind
        let csv: String
        let insert: String
        var description: String { rule.rawValue }
    }

    static let cases: [Case] = [
        Case(rule: .certificateRevokedAfterIssue, kind: .certificate,
             csv: "tax_code,certificate_number,issued_on,revoked_on\n0101248141,01/2024,2024-03-01,2024-02-01\n",
             insert: """
                INSERT INTO st_certificate (province_code, tax_code, certificate_number, issued_on, revoked_on, revocation_kind)
                VALUES ('08', '0101248141', '01/2024', '2024-03-01', '2024-02-01', 'revoked')
                """),
        Case(rule: .fundClosedAfterEstablished, kind: .fund,
             csv: "tax_code,established_on,closed_on\n0101248141,2024-02-01,2024-01-01\n",
             insert: "INSERT INTO st_fund (province_code, tax_code, established_on, closed_on) VALUES ('08', '0101248141', '2024-02-01', '2024-01-01')"),
        Case(rule: .enterpriseEstablishedPlausible, kind: .enterprise,
             csv: "tax_code,name,established_on\n0100109106,B,\(future)\n",
             insert: "INSERT INTO enterprise (province_code, tax_code, name, established_on) VALUES ('08', '0100109106', 'B', '\(future)')"),
        Case(rule: .ipKindMatchesNumber, kind: .ip,
             csv: "kind,application_number,filed_on,title,applicant_name\ninvention,2-2021-00001,2021-01-01,B,Viện X\n",
             insert: """
                INSERT INTO ip_application (province_code, application_number, kind, filed_on, title, applicant_name)
                VALUES ('08', '2-2021-00001', 'invention', '2021-01-01', 'B', 'Viện X')
                """),
        Case(rule: .ipHasApplicant, kind: .ip,
             csv: "kind,application_number,filed_on,title\ninvention,1-2021-00002,2021-01-01,B\n",
             insert: "INSERT INTO ip_application (province_code, application_number, kind, filed_on, title) VALUES ('08', '1-2021-00002', 'invention', '2021-01-01', 'B')"),
        Case(rule: .ipGrantNumberWithGrant, kind: .ip,
             csv: "kind,application_number,filed_on,title,applicant_name,grant_number\ninvention,1-2020-00001,2020-01-01,A,Viện X,1-0000001\n",
             insert: """
                INSERT INTO ip_event (province_code, application_number, event, event_on, grant_number)
                VALUES ('08', '1-2020-00001', 'published', '2021-01-01', '1-0000001')
                """),
        Case(rule: .ipEventOrder, kind: .ip,
             csv: "kind,application_number,filed_on,title,applicant_name,published_on\ninvention,1-2020-00001,2020-01-01,A,Viện X,2019-06-01\n",
             insert: "INSERT INTO ip_event (province_code, application_number, event, event_on) VALUES ('08', '1-2020-00001', 'published', '2019-06-01')"),
    ]

    @Test(arguments: cases)
    func theImportAndTheDatabaseRefuseARowForTheSameRule(_ rule: Case) throws {
        try withRegistry { session in
            try register("0101248141", in: session)
            // An application filed on 2020-01-01, for the rules about its events.
            _ = try importing(session, .ip, try temporaryFile("kind,application_number,filed_on,title,applicant_name\ninvention,1-2020-00001,2020-01-01,A,Viện X\n"))
            let report = try importing(session, rule.kind, try temporaryFile(rule.csv))
            #expect(report.errors.map(\.line) == [2], "\(report.errors)")
            #expect(report.errors.first?.rule == rule.rule.rawValue, "\(report.errors)")
            let refusal = try #require(throws: PostgresError.self) { try session.connection.query(Query(sql: rule.insert)) }
            #expect(refusal.constraint == rule.rule.rawValue, "\(refusal)")
        }
    }

    /// Every mirrored rule is a constraint, a unique index, or a name a trigger refuses with
    /// (`khcn_refuse('name', …)`, or `TG_TABLE_NAME || '_suffix'` for a table of that prefix).
    @Test func everyMirroredRuleIsNamedInTheSchema() throws {
        try withRegistry { session in
            let names = MirroredRule.allCases.map(\.rawValue)
            let unknown = try session.connection.query("""
                SELECT n AS name FROM unnest(\(names)::text[]) AS n
                 WHERE NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = n)
                   AND NOT EXISTS (SELECT 1 FROM pg_class WHERE relname = n AND relkind = 'i')
                   AND NOT EXISTS (SELECT 1 FROM pg_proc WHERE prosrc LIKE '%khcn_refuse(''' || n || '''%')
                   AND NOT EXISTS (SELECT 1 FROM pg_proc p JOIN pg_class c ON c.relkind = 'r' AND starts_with(n, c.relname || '_')
                                    WHERE p.prosrc LIKE '%TG_TABLE_NAME || ''' || substr(n, length(c.relname) + 1) || '''%')
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
