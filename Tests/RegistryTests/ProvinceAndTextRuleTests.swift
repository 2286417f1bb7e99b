import Foundation
import Postgres
@testable import Registry
import TestSupport
import Testing

/// Contract §4 in the database (SQL/0014): the national list of 34 provinces, foreign keys to
/// it, and the text rule, which the Swift value CleanText mirrors.
@Suite struct TextRuleTests {
    @Test func swiftAndTheDatabaseRefuseTheSameCharacters() throws {
        try withRegistry { session in
            for (text, address, refused) in TextRuleCases.all {
                let sql = try session.connection.query(
                    "SELECT khcn_text_first_refused(\(text), \(address)::boolean) AS refused, khcn_text_is_clean(\(text), \(address)::boolean) AS clean").rows[0]
                #expect(sql["refused"] == refused, "SQL on \(text.debugDescription) (address: \(address))")
                #expect(try sql.decode("clean", as: Bool.self) == (refused == nil), "SQL is_clean on \(text.debugDescription)")
                let swift = CleanText.firstRefused(text, allowLineBreaks: address).map(CleanText.codePoint)
                #expect(swift == refused, "Swift on \(text.debugDescription) (address: \(address))")
            }
        }
    }

    @Test func cleanTextNamesTheFieldAndTheCharacter() {
        let error = #expect(throws: RegistryError.self) {
            try CleanText.clean("A\u{1B}[31mB", field: "name", label: ("Tên doanh nghiệp", "The name"), maxLength: 400, required: true)
        }
        #expect(error?.exitCode == 65)
        #expect(error?.field == "name")
        #expect(error?.vietnamese.contains("U+001B") == true)
        #expect(error?.english.contains("control character U+001B") == true)
    }

    @Test(arguments: [
        "INSERT INTO enterprise (province_code, tax_code, name) VALUES ('08', '0101248141', E'A\\x1b[31mB')",
        "INSERT INTO enterprise (province_code, tax_code, name) VALUES ('08', '0101248141', U&'A\\202EB')",
        "INSERT INTO enterprise (province_code, tax_code, name, legal_form) VALUES ('08', '0101248141', 'A', E'Công ty\\tTNHH')",
        "INSERT INTO gi_certificate (province_code, certificate_number, name, product, granted_on) VALUES ('08', '7', E'Na\\x07Hang', 'Chè', '2020-01-01')",
    ])
    func databaseRefusesControlCharactersWrittenWithPlainSQL(_ sql: String) throws {
        try withRegistry { session in
            let error = try #require(throws: PostgresError.self) { try session.connection.query(Query(sql: sql)) }
            #expect(error.sqlstate == "23514")
            #expect(error.constraint?.hasSuffix("_clean") == true)
            #expect(RegistryError(error).exitCode == 65)
        }
    }

    @Test func anAddressMayHoldLineBreaksAndATab() throws {
        try withRegistry { session in
            try session.connection.query(
                "INSERT INTO enterprise (province_code, tax_code, name, address) VALUES ('08', '0101248141', 'A', E'Tổ 3\\r\\nphường\\tMinh Xuân')")
            #expect(try session.connection.query("SELECT address FROM enterprise").scalar == "Tổ 3\r\nphường\tMinh Xuân")
        }
    }

    @Test func importRefusesARowWithAnEscapeCharacterNamingLineAndField() throws {
        let path = try temporaryFile("tax_code,name\n0101248141,Công ty Tân Trào\n0100109106,\"A\u{1B}[31mB\"\n")
        try withRegistry { session in
            let report = try importing(session, .enterprise, path)
            #expect(!report.valid)
            let problem = try #require(report.errors.first)
            #expect(problem.kind == .constraint)
            #expect(problem.line == 3)
            #expect(problem.field == "name")
            #expect(problem.vietnamese.contains("U+001B"))
            #expect(try count(session, "SELECT count(*) FROM enterprise") == 0)
        }
    }
}

@Suite struct ProvinceTests {
    @Test func theListHas34ProvincesAndTuyenQuangAbsorbedHaGiang() throws {
        try withRegistry { session in
            let provinces = try Provinces(session).list()
            #expect(provinces.count == 34)
            let tuyenQuang = try #require(provinces.first { $0.code == "08" })
            #expect(tuyenQuang.former.map(\.slug) == ["tuyen-quang", "ha-giang"])
            #expect(tuyenQuang.hasTargets)
            #expect(!provinces.contains { $0.code == "02" })    // Hà Giang's code is retired
            #expect(provinces.filter(\.hasTargets).map(\.code) == ["08"])
            #expect(provinces.reduce(0) { $0 + $1.former.count } == 63)
        }
    }

    @Test(arguments: [
        "INSERT INTO enterprise (province_code, tax_code, name) VALUES ('99', '0101248141', 'A')",
        "INSERT INTO enterprise (province_code, tax_code, name) VALUES ('02', '0101248141', 'A')",
        "INSERT INTO gi_certificate (province_code, certificate_number, name, product, granted_on) VALUES ('99', '7', 'Na Hang', 'Chè', '2020-01-01')",
        "INSERT INTO ip_application (province_code, application_number, kind, filed_on, title, applicant_name) VALUES ('99', '1-2024-00001', 'invention', '2024-01-01', 'x', 'y')",
    ])
    func databaseRefusesAProvinceCodeNotOnTheList(_ sql: String) throws {
        try withSchema { session in
            let error = try #require(throws: PostgresError.self) { try session.connection.query(Query(sql: sql)) }
            #expect(error.sqlstate == "23503")
            #expect(session.explained(RegistryError(error)).field == "province")
        }
    }

    @Test func aFormerProvinceMustHaveBeenMergedIntoTheRecordsProvince() throws {
        try withSchema { session in
            try session.connection.query("INSERT INTO enterprise (province_code, tax_code, name, former_province) VALUES ('08', '0101248141', 'A', 'ha-giang')")
            try session.connection.query("INSERT INTO enterprise (province_code, tax_code, name, former_province) VALUES ('79', '0101248141', 'A', 'binh-duong')")
            let error = try #require(throws: PostgresError.self) {
                try session.connection.query("INSERT INTO enterprise (province_code, tax_code, name, former_province) VALUES ('01', '0101248141', 'A', 'ha-giang')")
            }
            #expect(error.constraint == "enterprise_former_province_known")
        }
    }

    /// Every table that holds a province code references the list, or references a parent
    /// through a key that includes the code; only the append-only audit trail does not, and
    /// the enterprise and its status history hold the same ties as triggers once per statement
    /// (SQL/0044, issue 15; StatementTieTests).
    @Test func everyProvinceCodeIsTiedToTheList() throws {
        try withRegistry { session in
            let loose = try session.connection.query("""
                SELECT c.table_name::text AS table_name FROM information_schema.columns c
                  JOIN pg_class t ON t.relname = c.table_name AND t.relkind = 'r'
                 WHERE c.table_schema = 'public' AND c.column_name = 'province_code'
                   AND c.table_name NOT IN ('audit_log', 'enterprise', 'enterprise_status_change')
                   AND NOT EXISTS (SELECT 1 FROM pg_constraint k
                                    WHERE k.conrelid = t.oid AND k.contype = 'f'
                                      AND (SELECT attnum FROM pg_attribute WHERE attrelid = t.oid AND attname = 'province_code') = ANY (k.conkey))
                 ORDER BY 1
                """).rows.map { $0["table_name"]! }
            #expect(loose == [])
        }
    }

    /// The shipped list equals shared/data/provinces.csv (its sources are in SOURCES.md).
    static let sharedCSV = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data/provinces.csv")

    @Test(.enabled(if: FileManager.default.fileExists(atPath: ProvinceTests.sharedCSV.path)))
    func theMigrationShipsExactlyTheSharedProvinceList() throws {
        let lines = try String(contentsOf: ProvinceTests.sharedCSV, encoding: .utf8).split(separator: "\n").dropFirst()
        let expected = lines.map { String($0).precomposedStringWithCanonicalMapping }
        try withRegistry { session in
            let shipped = try session.connection.query("""
                SELECT p.code || ',' || p.name || ',' || p.name_en || ',' ||
                       (SELECT string_agg(f.name, '|' ORDER BY f.position) FROM province_former f WHERE f.province_code = p.code) AS line
                  FROM province p ORDER BY p.code
                """).rows.map { $0["line"]! }
            #expect(shipped == expected)
            // Slugs are the names without diacritics, in kebab-case (contract §2).
            for row in try session.connection.query("SELECT name, slug FROM province_former").rows {
                let name = try row.decode("name", as: String.self)
                let folded = name.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
                    .folding(options: [.diacriticInsensitive], locale: nil).lowercased()
                    .split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }.joined(separator: "-")
                #expect(row["slug"] == folded, "\(name)")
            }
        }
    }
}

/// SQL/0016 and `CleanText.collapsingSpaces` store a run of spaces the same way (issue 12).
@Suite struct CollapsedSpaceTests {
    @Test func swiftAndTheDatabaseCollapseSpacesAlike() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        for text in ["Công ty TNHH Chè", "Công  ty", "A \u{A0} B", "A\u{A0}B", "A\u{2003}\u{2009}B", "A\u{3000}B", "A\u{1680}B",
                     "A\u{202F}B", "Tổ 3  \nphường", "Tổ 3\t\tphường", "“Đồng Văn” – Hà Giang…", "A\u{200B}B", "Ánh   Dương"] {
            let stored = try connection.query("SELECT khcn_clean_text(\(text)) AS stored").rows[0]["stored"]
            let swift = CleanText.collapsingSpaces(text.precomposedStringWithCanonicalMapping)
            #expect(stored == swift, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}
