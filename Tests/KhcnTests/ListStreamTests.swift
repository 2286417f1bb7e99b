import Foundation
import TestSupport
import Testing

/// Contract §8: `enterprise list --limit 1000000` streams. The JSON array is printed element by
/// element; the table is printed as it fills (StreamingTable): a list of up to 1,000 rows is
/// the table it always was, a longer one is aligned on its first 1,000 rows, which set the
/// columns' widths for the rest, under one header.
@Suite struct ListStreamTests {
    @Test func aLongEnterpriseListIsAlignedOnItsFirstThousandRows() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (database, folder) = (scratch.database, scratch.folder)
        // validTaxCodes gives at most about 1,100 codes a prefix.
        let codes = validTaxCodes(600, prefix: "59") + validTaxCodes(605, prefix: "56")
        let file = folder.appendingPathComponent("e.csv")
        // Names sort by their number; the 1,100th, past the first block, is the longest.
        try ("tax_code,name,established_on\n" + codes.enumerated().map { index, code in
            let name = "Công ty TNHH Mẫu \(String(format: "%04d", index + 1))" + (index + 1 == 1_100 ? " Thương mại Dịch vụ Xuất nhập khẩu Tổng hợp" : "")
            return "\(code),\(name),2020-01-0\(index % 9 + 1)\n"
        }.joined()).write(to: file, atomically: true, encoding: .utf8)
        let imported = try KhcnRun.run(["import", "enterprises", file.path], database: database)
        #expect(imported.status == 0, "\(imported.stderr)")

        let run = try KhcnRun.run(["enterprise", "list", "--search", "Mẫu", "--limit", "1000000"], database: database)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2 + 1_205 + 1)
        #expect(lines.filter { $0.hasPrefix("Mã số thuế") }.count == 1)
        #expect(lines.last == "1.205 doanh nghiệp")
        // Where the date column starts: in the header, and in each row whose name fits.
        func column(_ line: String, _ text: String) -> Int? {
            line.range(of: text).map { line.distance(from: line.startIndex, to: $0.lowerBound) }
        }
        let dateColumn = try #require(column(lines[0], "Thành lập"))
        let rows = lines[2..<lines.count - 1]
        for (index, line) in zip(1..., rows) where index != 1_100 {
            #expect(column(line, "/2020") == dateColumn + 5, "row \(index): \(line)")
        }
        // The long name after the first block pushes its own line only (the old table padded
        // every row to it).
        let long = rows[rows.startIndex + 1_099]
        #expect(long.contains("Tổng hợp") && (column(long, "/2020") ?? 0) > dateColumn + 5)

        // A short list is the table it always was: widths from every row (the long name included).
        let short = try KhcnRun.run(["enterprise", "list", "--search", "Mẫu 1", "--limit", "1000"], database: database)
        let shortLines = short.stdout.split(separator: "\n").map(String.init)
        let shortDate = try #require(column(shortLines[0], "Thành lập"))
        #expect(shortLines[2..<shortLines.count - 1].allSatisfy { column($0, "/2020") == shortDate + 5 })

        // JSON: every enterprise, in the list's order, as one array.
        let json = try KhcnRun.run(["enterprise", "list", "--search", "Mẫu", "--limit", "1000000", "--json"], database: database)
        let array = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(array.count == 1_205)
        #expect(array.first?["name"] as? String == "Công ty TNHH Mẫu 0001" && array.last?["name"] as? String == "Công ty TNHH Mẫu 1205")
        let empty = try KhcnRun.run(["enterprise", "list", "--search", "không có ai", "--json"], database: database)
        #expect(empty.stdout == "[]\n")
    }
}
