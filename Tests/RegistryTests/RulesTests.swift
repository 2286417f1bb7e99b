import Foundation
import Postgres
@testable import Registry
import TestSupport
import Testing

/// Issue 13: each rule has one home, table `khcn_rule` (SQL/0030), and the schema and that
/// table agree in both directions; khcn's messages are read from it.
@Suite struct RulesTests {
    /// Every name the schema can refuse a row under: the constraints of the registry's tables,
    /// unique indexes that back no constraint, every name a function passes to khcn_refuse or
    /// khcn_refuse_unless_standing (a name built from TG_TABLE_NAME, for each table whose trigger
    /// runs that function).
    static let refusalNames = """
        SELECT c.conname AS name FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
         WHERE t.relnamespace = 'public'::regnamespace AND c.contype IN ('c', 'u', 'f', 'x', 'p')
        UNION
        SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
         WHERE i.relnamespace = 'public'::regnamespace AND x.indisunique
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
        UNION
        SELECT m[1] FROM pg_proc p CROSS JOIN regexp_matches(p.prosrc, 'khcn_refuse\\(\\s*''([a-z0-9_]+)''', 'g') AS m
         WHERE p.pronamespace = 'public'::regnamespace
        UNION
        SELECT unnest(ARRAY[m[1], m[2]]) FROM pg_proc p
          CROSS JOIN regexp_matches(p.prosrc, 'khcn_refuse_unless_standing\\(\\s*''([a-z0-9_]+)'',\\s*''([a-z0-9_]+)''', 'g') AS m
         WHERE p.pronamespace = 'public'::regnamespace
        UNION
        SELECT g.tgrelid::regclass::text || m[1] FROM pg_proc p
          CROSS JOIN regexp_matches(p.prosrc, 'khcn_refuse\\(\\s*TG_TABLE_NAME\\s*\\|\\|\\s*''([a-z0-9_]+)''', 'g') AS m
          JOIN pg_trigger g ON g.tgfoid = p.oid
         WHERE p.pronamespace = 'public'::regnamespace
        """

    @Test func everyConstraintAndRefusalHasItsRuleAndEveryRuleExists() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        let missing = try connection.query("""
            SELECT name FROM (\(sql: RulesTests.refusalNames)) d WHERE name NOT IN (SELECT name FROM khcn_rule) ORDER BY 1
            """).rows.compactMap { $0["name"] }
        #expect(missing == [], "constraints or refusals without a row in khcn_rule")
        let stray = try connection.query("""
            SELECT name FROM khcn_rule WHERE name NOT IN (SELECT name FROM (\(sql: RulesTests.refusalNames)) d) ORDER BY 1
            """).rows.compactMap { $0["name"] }
        #expect(stray == [], "rows of khcn_rule that no constraint or refusal names")
        let count = try connection.query("SELECT count(*) AS n FROM khcn_rule").first?.decode("n", as: Int.self)
        #expect((count ?? 0) > 150)
    }

    /// One mechanism: no function raises a named constraint itself; khcn_refuse alone does.
    @Test func onlyKhcnRefuseRaisesANamedConstraint() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let raising = try database.connect().query("""
            SELECT proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace AND prosrc ~* 'CONSTRAINT\\s*='
            """).rows.compactMap { $0["proname"] }
        #expect(raising == ["khcn_refuse"])
    }

    /// A name means one rule: a future revocation is not "revoked before issue" (issue 13).
    @Test func aFutureRevocationHasItsOwnRule() throws {
        try withSchema { session in
            try register("0101248141", in: session)
            let error = try #require(throws: PostgresError.self) {
                try session.connection.query("""
                    INSERT INTO st_certificate (province_code, certificate_number, tax_code, issued_on, revoked_on)
                    VALUES ('08', 'GCN-1', '0101248141', '2020-01-01', '2999-01-01')
                    """)
            }
            #expect(error.constraint == "st_certificate_revoked_not_future")
            #expect(error.hint == "Ngày thu hồi 01/01/2999 ở tương lai.")
        }
    }

    /// A CHECK refused inside a write arrives with its rule's field and Vietnamese message,
    /// read from khcn_rule after the rollback.
    @Test func aCheckRefusalCarriesItsRulesMessage() throws {
        try withRegistry { session in
            try register("0101248141", in: session)
            let error = #expect(throws: RegistryError.self) {
                try session.write(testClerk) {
                    try session.connection.query("""
                        INSERT INTO st_fund (province_code, tax_code, established_on, capital) VALUES ('08', '0101248141', '2020-01-01', -1)
                        """)
                }
            }
            #expect(error?.exitCode == 65)
            #expect(error?.type == "constraint-error")
            #expect(error?.field == "capital")
            #expect(error?.vietnamese == "Vốn không được âm.")
            #expect(error?.english == "Capital cannot be negative.")
        }
    }

    /// A read inside a write cannot read the rule (the transaction is aborted): the write
    /// explains the error once it has rolled back.
    @Test func aRefusalInsideANestedReadIsExplainedAfterTheRollback() throws {
        try withRegistry { session in
            try register("0101248141", in: session)
            let error = #expect(throws: RegistryError.self) {
                try session.write(testClerk) {
                    try session.read {
                        try session.connection.query("UPDATE enterprise SET vsic = '{72}' WHERE tax_code = '0101248141'")
                    }
                }
            }
            #expect(error?.field == "vsic")
            #expect(error?.vietnamese == "Mã ngành VSIC cấp 4 gồm đúng 4 chữ số.")
        }
    }

    /// A trigger refusal that says no more than its rule takes the rule's words (SQL/0030's
    /// khcn_refuse reads them), as khcn showed them from its catalogue before.
    @Test func aTriggerRefusalCarriesItsRulesMessage() throws {
        try withRegistry { session in
            let error = #expect(throws: RegistryError.self) {
                try session.write(testClerk) {
                    try session.connection.query("""
                        INSERT INTO enterprise (province_code, tax_code, name, established_on) VALUES ('08', '0101248141', 'A', '2999-01-01')
                        """)
                }
            }
            #expect(error?.exitCode == 65)
            #expect(error?.field == "established_on")
            #expect(error?.vietnamese == "Ngày thành lập phải từ 01/01/1900 và không sau hôm nay.")
            #expect(error?.english == "The establishment date must be on or after 1900-01-01 and not in the future.")
        }
    }

    @Test func aViewerListsEveryRuleWithBothMessages() throws {
        try withRegistry(as: .viewer) { session in
            let rules = try Rules(session).list()
            #expect(rules.count > 150)
            #expect(rules.allSatisfy { !$0.vietnamese.isEmpty && !$0.english.isEmpty && !$0.basisVietnamese.isEmpty && !$0.basisEnglish.isEmpty })
            // The Vietnamese basis is in Vietnamese (SQL/0033): no English word of 0030's left.
            let untranslated = rules.filter { rule in
                ["contract", "Decree", "Decision", "Law ", "Circular", "form ", "issue "].contains { rule.basisVietnamese.contains($0) }
            }
            #expect(untranslated.isEmpty, "\(untranslated.map { "\($0.name): \($0.basisVietnamese)" })")
            let clean = try #require(rules.first { $0.name == "enterprise_name_clean" })
            #expect(clean.table == "enterprise" && clean.field == "name")
        }
    }
}
