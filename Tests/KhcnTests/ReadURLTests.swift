import Foundation
import Testing

/// `KHCN_READ_URL` (contract §11): show, list, history, export, progress, report and watch read
/// from it (a standby), writes never do, and `--database-url` serves everything when given.
/// On a primary and standby of the test's own, stopped and removed at the end.
@Suite struct ReadURLTests {
    @Test func readsComeFromTheStandbyAndWritesFromThePrimary() throws {
        let pair = StandbyTests.Pair(prefix: "rd", firstPort: 59_600, slots: 150)
        let folder = try Scratch.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (start, data, socket) = try pair.startPrimary()
        defer { pair.tearDown(data: data, socket: socket) }
        try #require(start.status == 0, "\(start.stderr)")
        let primarySocket = try #require(socket)
        let primary = "postgresql:///khcn?host=\(primarySocket)&port=\(pair.port)&user=postgres"
        let standby = "postgresql:///khcn?host=\(primarySocket)-standby&port=\(pair.port + 1)&user=postgres"
        let nowhere = "postgresql:///khcn?host=\(folder.path)&port=1&user=postgres"
        try #require(try KhcnRun.run(["db", "migrate", "--database-url", primary]).status == 0)
        let standbyStart = try pair.db(["standby", "start"])
        try #require(standbyStart.status == 0, "\(standbyStart.stderr)")
        let file = folder.appendingPathComponent("a.csv").path
        try "tax_code,name\n0101248141,Công ty A\n".write(toFile: file, atomically: true, encoding: .utf8)
        try #require(try KhcnRun.run(["import", "enterprises", file, "--database-url", primary]).status == 0)

        // The writing URL answers nothing: every read still works, from the standby.
        let reads = ["KHCN_DATABASE_URL": nowhere, "KHCN_READ_URL": standby]
        let report = folder.appendingPathComponent("bao-cao.md").path
        for arguments in [["enterprise", "show", "0101248141", "--json"], ["enterprise", "list", "--json"], ["history", "0101248141", "--json"],
                          ["export", "enterprises"], ["progress", "--json"], ["watch", "--json"], ["ip", "list", "--json"],
                          ["certificate", "list", "--json"], ["report", "--format", "md", "--output", report]] {
            let run = try KhcnRun.run(arguments, environment: reads)
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
        }
        let shown = try KhcnRun.run(["enterprise", "show", "0101248141", "--json"], environment: reads)
        #expect(shown.stdout.contains("Công ty A"))
        // … and a write goes to KHCN_DATABASE_URL, never to the read URL.
        let write = try KhcnRun.run(["enterprise", "update", "0101248141", "--address", "Tổ 1", "--reason", "đổi địa chỉ", "--json"], environment: reads)
        #expect(write.status == 69, "\(write.stderr)")
        // --database-url serves everything, reads included.
        let explicit = try KhcnRun.run(["enterprise", "list", "--json", "--database-url", nowhere], environment: reads)
        #expect(explicit.status == 69)
        // With both URLs right, a write lands on the primary and a read from the standby sees it.
        let both = ["KHCN_DATABASE_URL": primary, "KHCN_READ_URL": standby]
        let updated = try KhcnRun.run(["enterprise", "update", "0101248141", "--address", "Tổ 2", "--reason", "đổi địa chỉ"], environment: both)
        #expect(updated.status == 0, "\(updated.stderr)")
        #expect(try KhcnRun.run(["enterprise", "show", "0101248141", "--json"], environment: both).stdout.contains("Tổ 2"))
    }
}
