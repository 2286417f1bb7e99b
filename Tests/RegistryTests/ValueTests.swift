import Registry
import TestSupport
import Testing

@Suite struct TaxCodeTests {
    @Test(arguments: TaxCodeCases.valid)
    func acceptsValidCodes(_ code: String) throws {
        #expect(try TaxCode(parsing: code).description == code)
    }

    @Test(arguments: TaxCodeCases.invalid)
    func rejectsInvalidCodes(_ code: String) {
        #expect(throws: TaxCode.Problem.self) { try TaxCode(parsing: code) }
    }

    @Test(arguments: [
        ("0101 248 141", "0101248141"), ("0101.248.141", "0101248141"),
        ("0101248141001", "0101248141-001"), (" 0101248141-001 ", "0101248141-001"),
    ])
    func stripsSpacesDotsAndAddsTheHyphen(_ raw: String, _ stored: String) throws {
        #expect(try TaxCode(parsing: raw).description == stored)
    }

    /// A malformed tax code, and what its problem must say: a clerk reads why, not only that it
    /// is wrong (English words, and the Vietnamese where they are checked).
    struct Malformed: Sendable, CustomStringConvertible {
        let raw: String
        let english: [String]
        var vietnamese: [String] = []
        var description: String { raw }
    }

    static let malformed = [
        // Nine digits: Excel dropped the leading zero; the code it was is named.
        Malformed(raw: "101248141", english: ["leading zero", "0101248141 is a valid code"], vietnamese: ["mất số 0"]),
        Malformed(raw: "101248141001", english: ["personal ID"]),   // twelve digits
        Malformed(raw: "1.01248E+09", english: ["Excel"]),   // scientific notation
        Malformed(raw: "1012481420", english: ["remainder 0"]),   // its check digit would be ten
        Malformed(raw: "0101248142", english: ["should be 1"]),   // the expected check digit named
    ]

    @Test(arguments: malformed)
    func namesWhatIsWrongWithAMalformedCode(_ code: Malformed) {
        let problem = try? #require(throws: TaxCode.Problem.self) { try TaxCode(parsing: code.raw) }
        for words in code.english { #expect(problem?.english.contains(words) == true, "\(words)") }
        for words in code.vietnamese { #expect(problem?.vietnamese.contains(words) == true, "\(words)") }
    }
}

@Suite struct CivilDateTests {
    @Test(arguments: ["2025-02-31", "2025-13-01", "2025-00-10", "2023-02-29", "2025-04-31"])
    func refusesImpossibleDates(_ text: String) {
        #expect(CivilDate(iso: text) == nil)
        #expect(CivilDate.isoShape(text) != nil)  // right shape, wrong calendar: a rule error, not a usage error
    }

    @Test(arguments: ["2025-2-1", "01/02/2025", "2025-02-01T00:00", "abcd-ef-gh"])
    func refusesOtherShapes(_ text: String) {
        #expect(CivilDate.isoShape(text) == nil)
    }

    @Test func acceptsLeapDayAndFormatsBothWays() throws {
        let date = try #require(CivilDate(iso: "2024-02-29"))
        #expect(date.description == "2024-02-29")
        #expect(date.vietnamese == "29/02/2024")
    }

    @Test func ordersChronologically() throws {
        #expect(try #require(CivilDate(iso: "2024-12-31")) < #require(CivilDate(iso: "2025-01-01")))
    }
}

@Suite struct CleanTextTests {
    @Test func normalisesNFDToNFCAndTrims() throws {
        let nfd = "  Ta\u{0302}n Tra\u{0300}o \n"
        let cleaned = try CleanText.clean(nfd, field: "name", label: ("Tên", "Name"), maxLength: 100, required: true)
        #expect(cleaned == "Tân Trào")
        #expect(cleaned?.unicodeScalars.count == 8)
    }

    @Test func refusesNULBytesAndOverlongText() {
        #expect(throws: RegistryError.self) {
            try CleanText.clean("a\u{0}b", field: "name", label: ("Tên", "Name"), maxLength: 100, required: true)
        }
        #expect(throws: RegistryError.self) {
            try CleanText.clean(String(repeating: "ệ", count: 401), field: "name", label: ("Tên", "Name"), maxLength: 400, required: true)
        }
    }

    @Test func blankRequiredTextIsMissing() {
        let error = try? #require(throws: RegistryError.self) {
            try CleanText.clean("   ", field: "name", label: ("Tên", "Name"), maxLength: 100, required: true)
        }
        #expect(error?.type == "missing-cell")
        #expect(error?.exitCode == 65)
    }
}
