import Foundation
import TestSupport
import Testing

/// Contract §4 (clean text, the 34 provinces) and §6 (`export --excel`), driven through the
/// built `khcn` as a clerk would (issue 10, items 8–10).
@Suite struct ControlCharacterCommandTests {
    @Test(arguments: [
        (["--name", "A\u{1B}[31mB"], "name", "U+001B"),
        (["--name", "Công ty \u{202E}TNHH"], "name", "U+202E"),
        (["--name", "Công ty", "--address", "Tổ 3\u{7}"], "address", "U+0007"),
        (["--name", "Công ty", "--legal-form", "Công ty\nTNHH"], "legal_form", "U+000A"),
        (["--name", "Công ty", "--actor", "Lan\u{7}"], "actor", "U+0007"),
        (["--name", "Công ty", "--reason", "hồ sơ\u{1B}]0;x\u{7}"], "reason", "U+001B"),
    ])
    func refusesAControlCharacterNamingIt(_ arguments: [String], _ field: String, _ character: String) throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let run = try KhcnRun.run(["enterprise", "add", "--tax-code", "0101248141"] + arguments + ["--json"], database: database)
        #expect(run.status == 65, "\(run.stderr)")
        #expect(run.errorObject["field"] as? String == field)
        #expect((run.errorObject["message"] as? String)?.contains(character) == true)
        #expect(run.stderr.contains(character))
        // Nothing raw reaches the terminal: ESC and BEL are shown as \u{1B} and \u{7}.
        #expect(!run.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(!run.stderr.unicodeScalars.contains { (0x202A...0x202E).contains($0.value) })
        #expect(!run.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x7 || $0.value == 0x202E })
        #expect(try database.connect().query("SELECT count(*) FROM enterprise").scalar == "0")
    }

    @Test func actorFromTheEnvironmentIsCheckedToo() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let run = try KhcnRun.run(["enterprise", "add", "--tax-code", "0101248141", "--name", "A", "--lang", "en"],
                                  database: database, environment: ["KHCN_ACTOR": "Lan\u{7}"])
        #expect(run.status == 65)
        #expect(run.stderr.contains("U+0007"))
    }

    @Test func anAddressKeepsItsLineBreak() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let run = try KhcnRun.run(["enterprise", "add", "--tax-code", "0101248141", "--name", "A", "--address", "Tổ 3\nphường Minh Xuân", "--json"],
                                  database: database)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.object["address"] as? String == "Tổ 3\nphường Minh Xuân")
    }

    /// A row stored before the rule (here: the rule dropped by a superuser) is printed escaped.
    @Test func storedControlCharactersAreNeverPrintedRaw() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        #expect(try KhcnRun.run(["enterprise", "add", "--tax-code", "0101248141", "--name", "A"], database: database).status == 0)
        let connection = try database.connect()
        try connection.query("ALTER TABLE enterprise DROP CONSTRAINT enterprise_name_clean")
        try connection.query("UPDATE enterprise SET name = E'Bad\\x1b[31mRed\\x07 \\u202Eabc'")
        for arguments in [["enterprise", "show", "0101248141"], ["enterprise", "list"], ["history", "0101248141"]] {
            let run = try KhcnRun.run(arguments, database: database)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains("Bad\\u{1B}[31mRed\\u{7}"), "\(arguments): \(run.stdout)")
            #expect(!run.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x7 || $0.value == 0x202E }, "\(arguments)")
        }
        let json = try KhcnRun.run(["enterprise", "show", "0101248141", "--json"], database: database)
        #expect(json.stdout.contains("\\u001b") && json.stdout.contains("\\u202e"))
        #expect(json.object["name"] as? String == "Bad\u{1B}[31mRed\u{7} \u{202E}abc")
    }
}

@Suite struct ProvinceCommandTests {
    @Test(arguments: [["--province", "99"], ["--province", "02"]])
    func aProvinceNotOnTheListExits65(_ province: [String]) throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let run = try KhcnRun.run(["enterprise", "add", "--tax-code", "0101248141", "--name", "A", "--json"] + province, database: database)
        #expect(run.status == 65)
        #expect(run.errorObject["field"] as? String == "province")
        #expect(run.errorObject["value"] as? String == province[1])
        #expect(run.stderr.contains("khcn province list"))
        let environment = try KhcnRun.run(["enterprise", "list"], database: database, environment: ["KHCN_PROVINCE": "99"])
        #expect(environment.status == 65)
        #expect(try database.connect().query("SELECT count(*) FROM enterprise").scalar == "0")
    }

    @Test func provinceListJSONHas34ProvincesWithTheirFormerOnes() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let run = try KhcnRun.run(["province", "list", "--json"], database: database)
        #expect(run.status == 0, "\(run.stderr)")
        let provinces = try #require(run.json as? [[String: Any]])
        #expect(provinces.count == 34)
        #expect(provinces.allSatisfy { Set($0.keys) == ["code", "name", "former", "has_targets"] })
        let tuyenQuang = try #require(provinces.first { $0["code"] as? String == "08" })
        #expect(tuyenQuang["name"] as? String == "Tuyên Quang")
        #expect(tuyenQuang["former"] as? [String] == ["tuyen-quang", "ha-giang"])
        #expect(tuyenQuang["has_targets"] as? Bool == true)
        let hoChiMinh = try #require(provinces.first { $0["code"] as? String == "79" })
        #expect(hoChiMinh["former"] as? [String] == ["ho-chi-minh", "binh-duong", "ba-ria-vung-tau"])
        #expect(hoChiMinh["has_targets"] as? Bool == false)
    }

    @Test func provinceListTableInBothLanguages() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let vietnamese = try KhcnRun.run(["province", "list"], database: database)
        #expect(vietnamese.stdout.contains("Tuyên Quang, Hà Giang"))
        #expect(vietnamese.stdout.contains("34 tỉnh, thành phố"))
        let english = try KhcnRun.run(["province", "list", "--lang", "en"], database: database)
        #expect(english.stdout.contains("Former provinces merged"))
        #expect(english.stdout.contains("34 provinces"))
    }

    /// A registry the old numbered files left before 0035 (here at 0012) cannot take the baseline,
    /// which builds from nothing: `db migrate` stops, changing nothing, and says how to go on.
    @Test func migrationRefusesADatabaseStoppedBeforeTheBaseline() throws {
        let database = try TestDatabase.create(oldChainThrough: 12)
        defer { database.drop() }
        let failed = try KhcnRun.run(["db", "migrate", "--lang", "en"], database: database)
        #expect(failed.status == 65)
        #expect(failed.stderr.contains("at version 12, before 0035_baseline"), "\(failed.stderr)")
        #expect(try database.connect().query("SELECT max(version) FROM khcn_migrations").scalar == "12")
        let vietnamese = try KhcnRun.run(["db", "migrate"], database: database)
        #expect(vietnamese.stderr.contains("phiên bản 12, trước 0035_baseline"), "\(vietnamese.stderr)")
    }
}
