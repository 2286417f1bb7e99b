import Postgres
@testable import Registry
import TestSupport
import Testing

/// Registry's values travel as themselves (issue 13): bound as parameters, read back by
/// column name, and the province is a type that cannot hold anything but two digits.
@Suite struct TypedValueTests {
    @Test(arguments: ["08", "01", "99"])
    func provinceCodesAreTwoDigits(_ text: String) {
        #expect(ProvinceCode(text)?.code == text)
    }

    @Test(arguments: ["8", "080", "0a", "", " 08", "٠٨", "０８", "08'"])
    func anythingElseIsNoProvinceCode(_ text: String) {
        #expect(ProvinceCode(text) == nil)
    }

    @Test func valuesRoundTripThroughTheServer() throws {
        let database = try TestDatabase.create(migrated: false)
        defer { database.drop() }
        let connection = try database.connect()
        let taxCode = try TaxCode(parsing: "0101248141-001")
        let day = CivilDate("2024-02-29")
        let money = Money(dong: 9_000_000_000_000)
        let province = ProvinceCode.tuyenQuang
        let row = try #require(try connection.query(
            "SELECT \(taxCode)::text AS tax_code, \(day)::date + 1 AS next_day, \(money)::bigint * 2 AS doubled, \(province)::text AS province"
        ).first)
        #expect(try row.decode("tax_code", as: TaxCode.self) == taxCode)
        #expect(try row.decode("next_day", as: CivilDate.self) == CivilDate("2024-03-01"))
        #expect(try row.decode("doubled", as: Money.self) == Money(dong: 18_000_000_000_000))
        #expect(try row.decode("province", as: ProvinceCode.self) == province)
    }

    /// COPY takes no parameters: the province is written in as a literal libpq quoted, not
    /// pasted into the text by hand.
    @Test func exportBindsTheProvince() throws {
        try withRegistry { session in
            let statement = Exporter(session).copyStatement(.enterprise)
            #expect(statement.bindings == [session.province.code])
            #expect(!statement.sql.contains("'08'"))
        }
    }

    /// Every clearable field empties in the one UPDATE, and the fields not named keep theirs.
    @Test func updateClearsWhatIsNamedAndKeepsTheRest() throws {
        try withRegistry { session in
            let register = EnterpriseRegister(session)
            let code = try register.add(
                try TaxCode(parsing: "0101248141"),
                EnterpriseFields(name: "Công ty A", establishedOn: CivilDate("2020-01-01"), address: "Tổ 1", communeCode: "02254",
                                 legalForm: "TNHH", vsic: ["7210"], vsicVersion: 2025, formerProvince: .haGiang),
                context: testClerk).enterprise.taxCode
            let kept = try register.update(code, EnterpriseFields(legalForm: "Cổ phần", cleared: [.address, .vsic, .vsicVersion]),
                                           context: testClerk).enterprise
            #expect(kept.address == nil && kept.vsic.isEmpty && kept.vsicVersion == nil)
            #expect(kept.legalForm == "Cổ phần" && kept.communeCode == "02254" && kept.formerProvince == .haGiang)
            #expect(kept.establishedOn == CivilDate("2020-01-01") && kept.statusOn == CivilDate("2020-01-01"))
            let moved = try register.update(code, EnterpriseFields(establishedOn: CivilDate("2019-06-01"), cleared: [.communeCode, .formerProvince]),
                                            context: testClerk).enterprise
            #expect(moved.communeCode == nil && moved.formerProvince == nil && moved.legalForm == "Cổ phần")
            #expect(moved.establishedOn == CivilDate("2019-06-01") && moved.statusOn == CivilDate("2019-06-01"))
        }
    }
}
