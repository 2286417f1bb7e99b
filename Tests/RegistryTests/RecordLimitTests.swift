import Registry
import TestSupport
import Testing

/// Found while fuzzing the CSV parser (issue 10: no unbounded memory on any input): a quote
/// left open, or a file that is not CSV, made the parser hold the rest of the file as one
/// record, so memory grew with the file (contract §8: under 100 MB whatever its size).
@Suite struct RecordLimitTests {
    @Test(arguments: [
        ("\"", "a", "the quote opened on line 2 is probably never closed"),
        ("", "a", "is this really a CSV file"),
        ("", ",", "is this really a CSV file"),
    ])
    func aRecordOverOneMebibyteStopsTheImportAtItsFirstLine(_ opening: String, _ filler: String, _ words: String) throws {
        let bytes = Array("tax_code,name\n0101248141,\(opening)".utf8) + [UInt8](repeating: Array(filler.utf8)[0], count: 3 << 20)
        try withRegistry { session in
            let report = try importing(session, .enterprise, try temporaryFile(bytes))
            #expect(report.errors.map(\.kind) == [.format])
            #expect(report.errors.first?.line == 2)
            #expect(report.errors.first?.english.contains("longer than 1024 KiB") == true)
            #expect(report.errors.first?.english.contains(words) == true)
            #expect(report.errors.first?.vietnamese.contains("dài hơn 1024 KiB") == true)
        }
    }
}
