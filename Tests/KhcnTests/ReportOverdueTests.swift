import Foundation
import TestSupport
import Testing

/// The report's overdue section (contract §10) lists the first 30 overdue obligations and
/// counts the rest, reading only those 30 and the count (a national registry has hundreds of
/// thousands overdue, and the report streams: contract §8).
@Suite struct ReportOverdueTests {
    @Test func theSectionListsThirtyAndCountsTheRest() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let clerk = try database.createLogin(.clerk)
        let folder = try Scratch.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // 32 inventions filed in 2020 and never taken further: 32 examination requests overdue
        // on 1 December 2026 (42 months from filing, Law on IP art. 113).
        var csv = "kind,application_number,filed_on,title,applicant_name\n"
        for n in 1...32 {
            csv += "invention,1-2020-\(String(format: "%05d", n)),2020-03-\(String(format: "%02d", n % 28 + 1)),Quy trình \(n),Viện Nghiên cứu \(n)\n"
        }
        let file = folder.appendingPathComponent("ip.csv")
        try csv.write(to: file, atomically: true, encoding: .utf8)
        let imported = try KhcnRun.run(["import", "ip", file.path], as: clerk)
        #expect(imported.status == 0, "\(imported.stdout) \(imported.stderr)")
        let watch = try KhcnRun.run(["watch", "--as-of", "2026-12-01", "--within", "0", "--json"], as: clerk)
        let overdue = (watch.object["items"] as? [[String: Any]] ?? []).filter { $0["state"] as? String == "overdue" }
        #expect(overdue.count == 32)

        let path = folder.appendingPathComponent("report.html").path
        let run = try KhcnRun.run(["report", "--as-of", "2026-12-01", "--format", "html", "--output", path], as: clerk)
        #expect(run.status == 0, "\(run.stderr)")
        let html = try String(contentsOfFile: path, encoding: .utf8)
        let section = html.components(separatedBy: "IV. VIỆC QUÁ HẠN CẦN XỬ LÝ").last ?? ""
        #expect(section.contains("Có 32 việc quá hạn"))
        #expect(section.contains("… và 2 việc khác."))
        let rows = section.components(separatedBy: "</table>").first?.components(separatedBy: "<tr><td class=\"n\">").count ?? 0
        #expect(rows - 1 == 30)
        // The first listed is the earliest due (the list's order): filed 2 March 2020.
        #expect(section.contains("1-2020-00028"))
    }
}
