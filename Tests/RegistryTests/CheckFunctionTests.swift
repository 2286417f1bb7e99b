import Foundation
import Postgres
@testable import Registry
import TestSupport
import Testing

/// SQL/0040 rewrote the enterprise CHECK functions as inlined expressions for the initial load
/// (contract §8, issue 15): same results as the baseline's bodies, which this suite loads from
/// SQL/0035_baseline/01_foundation.sql (never edited) as pg_temp functions to compare with.
@Suite struct CheckFunctionTests {
    /// The superuser's session with `pg_temp.baseline_<name>` made from the baseline's text.
    func withBaseline(_ body: (Connection) throws -> Void) throws {
        let file = try Migrator.locateDirectory().appendingPathComponent("0035_baseline/01_foundation.sql")
        let text = try String(contentsOf: file, encoding: .utf8)
        try withSchema { session in
            for (name, end) in [("khcn_tax_code_is_valid", "END $$;"), ("khcn_vsic_codes_valid", "FROM unnest(codes) AS c);")] {
                let start = try #require(text.range(of: "CREATE FUNCTION \(name)("))
                let stop = try #require(text.range(of: end, range: start.upperBound..<text.endIndex))
                let definition = String(text[start.lowerBound..<stop.upperBound])
                    .replacingOccurrences(of: "CREATE FUNCTION \(name)(", with: "CREATE FUNCTION pg_temp.baseline_\(name)(")
                try session.connection.query(Query(sql: definition))
            }
            try body(session.connection)
        }
    }

    static let taxCodeEdges: [String?] = TaxCodeCases.valid + TaxCodeCases.invalid + [
        nil, "0000000000", "9999999999", "1000000019", "1000000018", "0100000009", "0200000000",
        "0101248141-", "0101248141-00", "0101248141-0001", "0101248141 001", "0101248141–001",
        " 0101248141", "0101248141 ", "0101248141\n", "\n0101248141", "01012481４1", "٠١٠١٢٤٨١٤١",
        "0101248141-00a", "0101248141-001-001", "010124814.", "-101248141", "+101248141", "1e10000000",
    ]

    @Test func taxCodeRuleGivesTheBaselineAnswerOnEdgeValues() throws {
        try withBaseline { connection in
            for code in Self.taxCodeEdges {
                let row = try #require(try connection.query("""
                    SELECT khcn_tax_code_is_valid(\(code))::text AS now, pg_temp.baseline_khcn_tax_code_is_valid(\(code))::text AS before
                    """).first)
                #expect(try row.decodeIfPresent("now", as: String.self) == (try row.decodeIfPresent("before", as: String.self)), "\(code ?? "NULL")")
            }
        }
    }

    /// 300,000 codes: random bases with every check digit, partitions 00 and zero runs, suffixes
    /// 000–999 and malformed ones; valid and invalid codes both among them.
    @Test func taxCodeRuleGivesTheBaselineAnswerOnGeneratedCodes() throws {
        try withBaseline { connection in
            let row = try #require(try connection.query("""
                WITH codes AS (
                    SELECT CASE i % 6 WHEN 0 THEN lpad((random() * 1e9)::bigint::text, 9, '0') || (i % 10)
                                      WHEN 1 THEN lpad((random() * 1e3)::int::text, 2, '0') || '0000000' || (i % 10)
                                      WHEN 2 THEN '00' || lpad((random() * 1e8)::bigint::text, 8, '0')
                                      WHEN 3 THEN lpad((random() * 1e9)::bigint::text, 9, '0') || (i % 10) || '-' || lpad((i % 1000)::text, 3, '0')
                                      WHEN 4 THEN lpad((random() * 1e9)::bigint::text, 9, '0') || (i % 10) || substr('-x ', 1 + i % 3, 1) || lpad((i % 10000)::text, 2 + i % 3, '0')
                                      ELSE overlay(lpad((random() * 1e10)::bigint::text, 10, '0') placing substr('a -./', 1 + i % 5, 1) from 1 + i % 10) END AS code
                      FROM (SELECT setseed(0.15)) s, generate_series(1, 300000) AS i)
                SELECT count(*) FILTER (WHERE khcn_tax_code_is_valid(code) IS DISTINCT FROM pg_temp.baseline_khcn_tax_code_is_valid(code)) AS differ,
                       count(*) FILTER (WHERE khcn_tax_code_is_valid(code)) AS valid,
                       count(*) FILTER (WHERE NOT khcn_tax_code_is_valid(code)) AS invalid
                  FROM codes
                """).first)
            #expect(try row.decode("differ", as: Int.self) == 0)
            #expect(try row.decode("valid", as: Int.self) > 2_000)
            #expect(try row.decode("invalid", as: Int.self) > 100_000)
        }
    }

    static let vsicEdges: [String?] = [
        nil, "{}", "{NULL}", "{1234}", "{0000}", "{1234,5678}", "{1234,1234}", "{1234,5678,1234}", "{123}", "{12345}",
        "{abcd}", "{\" 1234\"}", "{\"1234 \"}", "{\"1234,5678\"}", "{\"\"}", "{\"\",1234}", "{1234,NULL}", "{{1234,5678},{1111,2222}}",
        "{{1234,5678},{1111,1234}}", "{١٢٣٤}", "{\"1234\\n\"}", "{4610,4620,4630,4641,4649,4651,4652,4653,4659,4661}",
    ]

    @Test func vsicRuleGivesTheBaselineAnswerOnEdgeValues() throws {
        try withBaseline { connection in
            for codes in Self.vsicEdges {
                let row = try #require(try connection.query("""
                    SELECT khcn_vsic_codes_valid(\(codes)::text[])::text AS now, pg_temp.baseline_khcn_vsic_codes_valid(\(codes)::text[])::text AS before
                    """).first)
                #expect(try row.decodeIfPresent("now", as: String.self) == (try row.decodeIfPresent("before", as: String.self)), "\(codes ?? "NULL")")
            }
        }
    }

    /// SQL/0050 rewrote five enterprise CHECKs without a regular expression or a character
    /// count where the bytes decide: each gives the baseline's answer (SQL/0035_baseline/
    /// 04_enterprises.sql, written out here) for every value, NULL included: edge values around
    /// each limit in one-, two-, three- and four-byte characters, and every text of up to six
    /// characters over an alphabet of digits, other digits, letters, spaces and line breaks.
    @Test func enterpriseChecksGiveTheBaselineAnswers() throws {
        let baseline = [
            "enterprise_name_length": "char_length(v) BETWEEN 1 AND 400",
            "enterprise_address_check": "char_length(v) <= 1000",
            "enterprise_legal_form_check": "char_length(v) <= 200",
            "enterprise_commune_code_format": "v ~ '^[0-9]{5}$'",
            "enterprise_province_code_format": "v ~ '^[0-9]{2}$'",
        ]
        let columns = ["enterprise_name_length": "name", "enterprise_address_check": "address", "enterprise_legal_form_check": "legal_form",
                       "enterprise_commune_code_format": "commune_code", "enterprise_province_code_format": "province_code"]
        try withSchema { session in
            let connection = session.connection
            try connection.query("""
                CREATE TEMP TABLE check_values AS
                SELECT v FROM unnest(ARRAY[NULL, '', ' ', '0', '08', '8', '008', '12345', '1234', '123456', '1234a', 'ệ12', '１２３４５',
                                           E'12345\n', E'\n12345', E'08\n', '٠٨', '1 345']) v
                UNION ALL SELECT repeat(c, n) FROM unnest(ARRAY['a', 'ệ', 'đ', '😀']) c,
                    unnest(ARRAY[99, 100, 101, 133, 134, 199, 200, 201, 249, 250, 251, 333, 334, 399, 400, 401, 999, 1000, 1001]) n
                UNION ALL SELECT string_agg(substr('05a ệ١' || E'\n', 1 + (i / (7 ^ k)::int) % 7, 1), '' ORDER BY k)
                  FROM generate_series(0, (7 ^ 6)::int - 1) i, generate_series(0, 5) k
                 WHERE k < 1 + i % 6 GROUP BY i
                """)
            for (name, old) in baseline {
                let definition = try #require(try connection.query("""
                    SELECT pg_get_constraintdef(oid) AS d FROM pg_constraint WHERE conrelid = 'enterprise'::regclass AND conname = \(name)
                    """).first?["d"])
                #expect(!definition.contains("~") && !definition.contains("BETWEEN"), "\(name): \(definition)")
                let now = String(definition.dropFirst("CHECK ".count)).replacingOccurrences(of: columns[name]!, with: "v")
                let differing = try connection.query(Query(sql: """
                    SELECT v FROM check_values WHERE (\(old)) IS DISTINCT FROM (\(now)) LIMIT 5
                    """)).rows.map { $0["v"] ?? "NULL" }
                #expect(differing.isEmpty, "\(name): \(differing)")
            }
            #expect(try connection.query("SELECT count(*) FROM check_values").scalar.flatMap { Int($0) } ?? 0 > 100_000)
        }
    }

    /// What makes the initial load cheaper: no call is left per row where a CHECK uses them
    /// (an empty VSIC list, the usual case, is decided inline).
    @Test func checkFunctionsAreInlinedIntoTheirCaller() throws {
        try withSchema { session in
            let plan = try session.connection.query("""
                EXPLAIN (VERBOSE, FORMAT JSON) SELECT khcn_tax_code_is_valid(tax_code), khcn_vsic_codes_valid(vsic) FROM enterprise
                """).scalar ?? ""
            #expect(plan.contains("get_byte"))
            #expect(!plan.contains("khcn_tax_code_is_valid"))
            #expect(!plan.contains("khcn_vsic_codes_valid"))
        }
    }
}
