import Foundation
@testable import Registry
import TestSupport
import Testing

/// The import's byte paths (issue 15) read exactly what the text paths read: a cell staged
/// from its bytes has the value, or the problem, that `CellRule.parse` gives its text; the
/// reader and the parser give the same records, lines and columns wherever a chunk ends.
@Suite struct ImportFastPathTests {
    /// Cells at the edges of `PlainCell` and of the date, tax-code and commune shortcuts.
    static let cells = [
        "Công ty TNHH Chè Đinh Tuyên", "Hợp tác xã Thủy điện", "ABC", "a", "x y", "x  y", " x", "x ", "'=1+1", "'abc", "a'b",
        "Ta\u{0302}n Tra\u{0300}o", "A\u{0301}", "e\u{0323}\u{0302}", "Ω", "\u{2126}", "\u{212B}", "Å", "ệ", "Ệ", "ḁ", "ỹ",
        "a\u{00A0}b", "a\u{1680}b", "a\u{3000}b", "a\u{2003}b", "a – b", "“x”", "…", "a\u{202E}b", "a\u{0007}b", "a\tb", "a\nb", "a\r\nb",
        "a\\b", "\\", "a\u{0}b", "đăâêôơư", "ĐĂÂÊÔƠƯ", "ǅ", "ɐ", "ʰ", "\u{02FF}x", "x\u{0300}", "\u{1E9E}", "\u{1EFF}", "\u{1F00}", "ἀ",
        "0101248141", "0101248142", "010124814", "01012481411", "0000000000", "0100000000", "1000000019", " 0101248141", "0101 248 141",
        "02242", "2242", "022421", "0224a", "08/08/1995", "31/02/2024", "29/02/2024", "29/02/2023", "2024-02-29", "2024/02/29", "2024.02.29",
        "2024-02/29", "01.02.2024", "1-2-2024", "12/31/2024", "0000-01-01", "9999-12-31", "45000", "1995-8-8", "08/08/95", "x8/08/1995",
        "08/08/1995 ", String(repeating: "x", count: 400), String(repeating: "x", count: 401), String(repeating: "ệ", count: 140),
        String(repeating: "ệ", count: 401), "",
    ]

    static var rules: [(String, CellRule)] {
        [("text", .text(400)), ("short text", .text(3)), ("address", .text(1000, lineBreaks: true)),
         ("tax code", .taxCode), ("date", .date), ("commune", .communeCode)]
    }

    @Test(arguments: DateOrder.allCases)
    func everyCellStagesAsItsTextPathReadsIt(_ order: DateOrder) {
        for (name, rule) in ImportFastPathTests.rules {
            for cell in ImportFastPathTests.cells {
                let record = CSVRecord(line: 2, endLine: 2, number: 1, bytes: Array(("x" + cell).utf8), ends: [1, 1 + cell.utf8.count])
                let expected: Result<String?, CellProblem> = Result { () throws(CellProblem) in try rule.parse(cell, order) }
                let staged: Result<String?, CellProblem> = Result { () throws(CellProblem) in
                    switch try rule.stage(record, field: 1, order) {
                    case nil: nil
                    case .cell(let range): String(decoding: record.bytes[range], as: UTF8.self)
                    case .text(let text): text
                    }
                }
                switch (expected, staged) {
                case (.success(let a), .success(let b)):
                    #expect(a == b, "\(name) “\(cell)” (\(order)): \(String(describing: a)) read as \(String(describing: b))")
                case (.failure(let a), .failure(let b)):
                    #expect(a.kind == b.kind && a.vi == b.vi && a.en == b.en, "\(name) “\(cell)”: \(a.en) became \(b.en)")
                default:
                    Issue.record("\(name) “\(cell)” (\(order)): \(expected) became \(staged)")
                }
            }
        }
    }

    @Test func stagedCellBytesNeedNoCopyEscape() {
        // `CopyText` appends a `.cell` as it is: no backslash, tab or line break may be one.
        for cell in ImportFastPathTests.cells {
            let bytes = Array(cell.utf8)
            let plain = bytes.withUnsafeBufferPointer { PlainCell.isPlain($0) }
            if plain { #expect(!bytes.contains { $0 == 0x5C || $0 < 0x20 }, "“\(cell)” is plain") }
        }
        var output: [UInt8] = []
        let record = CSVRecord(line: 7, endLine: 8, number: 6, bytes: Array("ab".utf8), ends: [2])
        CopyText.append(record, values: [.cell(0..<2), nil, .text("a\\b\tc\nd\re")], to: &output)
        #expect(String(decoding: output, as: UTF8.self) == "7\t8\t6\tab\t\\N\ta\\\\b\\tc\\nd\\re\n")
    }

    /// The records of `bytes` fed in pieces of `size`.
    static func records(_ bytes: [UInt8], size: Int) throws -> [[String]] {
        var parser = CSVParser(delimiter: 0x2C)
        var records: [[String]] = []
        var start = 0
        while start < bytes.count {
            let end = min(start + size, bytes.count)
            try parser.feed(Array(bytes[start..<end])) { records.append($0.fields + ["\($0.line)-\($0.endLine)"]) }
            start = end
        }
        try parser.finish { records.append($0.fields + ["\($0.line)-\($0.endLine)"]) }
        return records
    }

    @Test func parserReadsTheSameWhereverAChunkEnds() throws {
        // Runs of every length around the parser's eight-byte steps, quotes, CRLF, letters of two
        // and three bytes: each cut gives the same records as the whole.
        var text = "a,b\r\n"
        for length in 0...19 {
            let run = String(repeating: "ệ", count: length % 3) + String(repeating: "x", count: length)
            text += "\(run),\"\(run)\"\"\r\n\(run)\",\(run)\n\r\"\",\(run)\"\"\r"
        }
        let bytes = Array(text.utf8)
        let whole = try ImportFastPathTests.records(bytes, size: bytes.count)
        #expect(whole.count == 41)
        #expect(whole[3] == ["ệx", "ệx\"\r\nệx", "ệx", "6-7"])
        for size in 1...17 {
            #expect(try ImportFastPathTests.records(bytes, size: size) == whole, "chunks of \(size)")
        }
    }

    @Test func validatorAndLineTrackerAgreeWithTheStandardLibraryAcrossChunks() {
        // Letters of one to four bytes, line ends of every kind, cut at every offset; then a bad
        // byte in each position, found where the standard library stops.
        let text = Array("ab\r\nệ\rx\n€𝄞\r\r\nđ,\"Việt\"\n".utf8)
        for cut in 0...text.count {
            var validator = UTF8Validator()
            #expect(validator.firstInvalid(in: text[..<cut]) == nil && validator.firstInvalid(in: text[cut...]) == nil)
            #expect(!validator.isIncomplete)
            var tracker = LineTracker()
            tracker.advance(over: text[..<cut])
            tracker.advance(over: text[cut...])
            #expect(tracker.line == 7 && tracker.column == 1, "cut at \(cut): line \(tracker.line), column \(tracker.column)")
            var partial = LineTracker(), naive = (line: 1, column: 1)
            partial.advance(over: text[..<cut])
            for (index, byte) in text[..<cut].enumerated() {
                if byte == 0x0D || (byte == 0x0A && (index == 0 || text[index - 1] != 0x0D)) { naive = (naive.line + 1, 1) }
                else if byte != 0x0A && byte & 0xC0 != 0x80 { naive.column += 1 }
            }
            #expect(partial.line == naive.line && partial.column == naive.column, "cut at \(cut)")
        }
        for position in 0..<text.count {
            for bad: UInt8 in [0xFF, 0x80, 0xC0, 0xED] {
                var broken = text
                broken[position] = bad
                let expected = firstInvalidByTheStandardLibrary(broken)
                for cut in [0, position, position + 1, broken.count] {
                    var validator = UTF8Validator()
                    let found = validator.firstInvalid(in: broken[..<cut]) ?? validator.firstInvalid(in: broken[cut...]).map { $0 + cut }
                    #expect(found == expected, "0x\(String(bad, radix: 16)) at \(position), cut at \(cut)")
                }
            }
        }
    }

    /// The offset of the first byte that cannot be UTF-8 (nil for a character cut at the end).
    private func firstInvalidByTheStandardLibrary(_ bytes: [UInt8]) -> Int? {
        var offset = 0
        while offset < bytes.count {
            var iterator = bytes[offset...].makeIterator()
            var parser = Unicode.UTF8.ForwardParser()
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .error(let length):
                // The maximal subpart of a character: the bad byte is the one after it, or the
                // lead byte itself when no character starts with it.
                guard (0xC2...0xF4).contains(bytes[offset]) else { return offset }
                return offset + length == bytes.count ? nil : offset + length
            case .emptyInput: return nil
            }
        }
        return nil
    }

    /// A file of whole rows in which byte `at` of `tail` is the last byte of the reader's first
    /// chunk (`SourceReader.chunkSize`), and its tax codes.
    static func straddling(_ tail: String, at: Int, rowsAfter: String = "") -> [UInt8] {
        var bytes = Array("tax_code,name\r\n".utf8)
        var serial = 100_000_000
        func code() -> String {
            // Contract §4: ten digits with the check digit of Circular 105/2020.
            while true {
                serial += 1
                let digits = String(serial).compactMap(\.wholeNumberValue)
                let remainder = zip(digits, [31, 29, 23, 19, 17, 13, 7, 5, 3]).map(*).reduce(0, +) % 11
                if remainder != 0 { return String(serial) + String(10 - remainder) }
            }
        }
        while bytes.count < SourceReader.chunkSize - 300 {
            bytes += Array("\(code()),Công ty Thương mại số \(serial) \(String(repeating: "x", count: 60))\r\n".utf8)
        }
        let prefix = Array("\(code()),".utf8)
        let padding = SourceReader.chunkSize - 1 - bytes.count - prefix.count - at
        bytes += prefix + Array(String(repeating: "y", count: padding).utf8) + Array(tail.utf8)
        return bytes + Array(rowsAfter.utf8)
    }

    @Test func aLetterCutByTheReadersChunkIsStoredWhole() throws {
        let bytes = ImportFastPathTests.straddling("ệt Nam\r\n", at: 0)
        #expect(Array(bytes[(SourceReader.chunkSize - 1)...].prefix(3)) == Array("ệ".utf8))
        let path = try temporaryFile(bytes)
        try withRegistry { session in
            let report = try importing(session, .enterprise, path)
            #expect(report.errors.isEmpty, "\(report.errors)")
            #expect(try count(session, "SELECT count(*) FROM enterprise WHERE name LIKE '%yệt Nam'") == 1)
        }
    }

    @Test func aCRLFCutByTheReadersChunkEndsOneLineAndABadByteAfterItIsFound() throws {
        // The CR ends the first chunk, its LF starts the second; the next line holds a bad byte.
        var bytes = ImportFastPathTests.straddling("ab\r\n", at: 2)
        #expect(bytes[SourceReader.chunkSize - 1] == 0x0D && bytes[SourceReader.chunkSize] == 0x0A)
        let line = bytes.filter { $0 == 0x0A }.count + 1
        bytes += Array("0101248141,ab".utf8) + [0xFF] + Array("c\r\n".utf8)
        let path = try temporaryFile(bytes)
        try withRegistry { session in
            let report = try importing(session, .enterprise, path) { $0.encoding = .utf8; $0.dryRun = true }
            #expect(report.errors.first?.kind == .encoding)
            #expect(report.errors.first?.line == line)
            #expect(report.errors.first?.english.contains("line \(line), column 14") == true, "\(report.errors)")
        }
    }
}
