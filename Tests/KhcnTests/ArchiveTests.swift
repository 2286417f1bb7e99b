import Foundation
import Postgres
import Testing

/// `Scripts/db archive on|backup|status` and `Scripts/db pitr TIME` (contract §11), with a
/// real pgBackRest repository beside a cluster of the test's own, which is stopped and whose
/// folders (data, repository, the data kept aside by the recovery) are removed at the end.
@Suite struct ArchiveTests {
    @Test func recoveryToATimeBetweenTwoImportsKeepsTheFirstAndNotTheSecond() throws {
        let pair = StandbyTests.Pair(prefix: "ar", firstPort: 58_900)
        let folder = try Scratch.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (start, data, socket) = try pair.startPrimary()
        defer {
            pair.tearDown(data: data, socket: socket)
            if let data {
                let parent = URL(fileURLWithPath: data).deletingLastPathComponent()
                let base = URL(fileURLWithPath: data).lastPathComponent
                for name in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
                where name.hasPrefix(base + "-backrest") || name.hasPrefix(base + ".before-pitr-") {
                    try? FileManager.default.removeItem(at: parent.appendingPathComponent(name))
                }
            }
        }
        try #require(start.status == 0, "\(start.stderr)")
        let server = try #require(socket)
        let superuser = { try Connection("host=\(server) port=\(pair.port) dbname=khcn user=postgres") }
        let url = "postgresql:///khcn?host=\(server)&port=\(pair.port)&user=postgres"
        let migrate = try KhcnRun.run(["db", "migrate", "--database-url", url])
        try #require(migrate.status == 0, "\(migrate.stderr)")

        // Before archiving is on, the other archive commands say what to do first.
        let early = try pair.db(["archive", "backup"])
        #expect(early.status == 69 && early.stderr.contains("archive on"), "\(early.stderr)")

        let on = try pair.db(["archive", "on"])
        try #require(on.status == 0, "\(on.stderr)")
        #expect(try superuser().query("SHOW archive_mode").scalar == "on")
        let backup = try pair.db(["archive", "backup"])
        try #require(backup.status == 0, "\(backup.stderr)")

        let first = folder.appendingPathComponent("first.csv").path
        try "tax_code,name\n0101248141,Công ty A\n".write(toFile: first, atomically: true, encoding: .utf8)
        let imported = try KhcnRun.run(["import", "enterprises", first, "--database-url", url])
        try #require(imported.status == 0, "\(imported.stderr)")
        // A local time in Asia/Ho_Chi_Minh without an offset, as a clerk would write it.
        let between = try #require(try superuser().query(
            "SELECT to_char(clock_timestamp() AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD\"T\"HH24:MI:SS.US')").scalar)
        let second = folder.appendingPathComponent("second.csv").path
        try "tax_code,name\n0100109106,Công ty B\n".write(toFile: second, atomically: true, encoding: .utf8)
        let later = try KhcnRun.run(["import", "enterprises", second, "--database-url", url])
        try #require(later.status == 0, "\(later.stderr)")

        let status = try pair.db(["archive", "status"])
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("full backup") && status.stdout.contains("archived_count"), "\(status.stdout)")

        // Times that cannot be recovered change nothing.
        #expect(try pair.db(["pitr", "hôm qua"]).status == 64)
        #expect(try pair.db(["pitr", "2099-01-01T00:00:00"]).status == 64)
        let tooEarly = try pair.db(["pitr", "2020-01-01"])
        #expect(tooEarly.status == 65, "\(tooEarly.stderr)")
        #expect(try superuser().query("SELECT count(*) FROM enterprise").scalar == "2")

        let pitr = try pair.db(["pitr", between])
        try #require(pitr.status == 0, "\(pitr.stderr)")
        #expect(try superuser().query("SELECT string_agg(tax_code, ',') FROM enterprise").scalar == "0101248141")
        #expect(try superuser().query("SELECT pg_is_in_recovery()").scalar == "f")
        // The recovered cluster takes writes and keeps archiving.
        let again = try KhcnRun.run(["import", "enterprises", second, "--database-url", url])
        #expect(again.status == 0, "\(again.stderr)")
    }
}
