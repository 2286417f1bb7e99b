import Foundation
import TestSupport

/// What a CLI test that reads or writes files starts from: a fresh migrated database and an
/// empty folder of its own. `defer { scratch.remove() }` drops and deletes both.
struct Scratch {
    let database: TestDatabase
    let folder: URL

    init() throws {
        database = try TestDatabase.create()
        do {
            folder = try Scratch.folder()
        } catch {
            database.drop()
            throw error
        }
    }

    func remove() {
        database.drop()
        try? FileManager.default.removeItem(at: folder)
    }

    /// An empty folder under the temporary directory; the caller removes it.
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A clerk login of province 08 on the scratch database, to run `khcn` as over SCRAM
    /// (contract §9).
    func clerk() throws -> TestLogin { try database.createLogin(.clerk) }

    /// Writes `text` to `name` in the folder and returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Imports one enterprise, so that an interrupted import has something to leave untouched.
    func importOneEnterprise() throws -> Int32 {
        try KhcnRun.run(["import", "enterprises", try file("small.csv", "tax_code,name\n0101248141,Công ty A\n")], database: database).status
    }

    /// `rows` enterprises with valid tax codes from `start`: long enough to be caught while it
    /// loads (the kill and lost-connection tests).
    func bigEnterpriseFile(rows: Int = 300_000, from start: Int) throws -> String {
        var text = "tax_code,name,established_on,address,commune_code\n"
        for (index, code) in TaxCodeCases.generated(count: rows, from: start).enumerated() {
            text += "\(code),Công ty Thử nghiệm Số \(index),01/02/2020,\"Số \(index), phường Minh Xuân\",02242\n"
        }
        return try file("big.csv", text)
    }
}

/// What a CLI test that needs no folder starts from: a fresh migrated database of its own,
/// dropped at the end, and `khcn` run on it (as the superuser, as `KhcnRun.run` does).
func withKhcn(_ body: (_ database: TestDatabase, _ khcn: (String...) throws -> KhcnRun) throws -> Void) throws {
    let database = try TestDatabase.create()
    defer { database.drop() }
    try body(database) { arguments throws in try KhcnRun.run(arguments, database: database) }
}
