import Foundation
import Postgres
@testable import Registry
import TestSupport

/// What the import tests share: files written to a temporary folder, code pages made with
/// iconv, one import with options, and a count read from the database.

/// Writes `bytes` to a fresh temporary file and returns its path.
func temporaryFile(_ bytes: [UInt8], name: String = "input.csv") throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("khcn-" + UUID().uuidString)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent(name).path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
}

func temporaryFile(_ text: String, name: String = "input.csv") throws -> String { try temporaryFile(Array(text.utf8), name: name) }

/// Converts UTF-8 text with glibc iconv (the same converter the importer uses to read it back).
func encode(_ text: String, as encoding: String) throws -> [UInt8] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
    process.arguments = ["-f", "UTF-8", "-t", encoding]
    let input = Pipe(), output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    input.fileHandleForWriting.write(Data(text.utf8))
    try input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return [UInt8](data)
}

func importing(_ session: RegistrySession, _ kind: RecordKind, _ path: String, _ configure: (inout ImportOptions) -> Void = { _ in }) throws -> ImportReport {
    var options = ImportOptions()
    configure(&options)
    return try Importer(session).run(kind, path: path, options: options, context: testClerk)
}

/// The single count a query selects (`SELECT count(*) AS count …`, or any one column), -1 if none.
func count(_ session: RegistrySession, _ query: Query) throws -> Int {
    Int(try session.connection.query(query).scalar ?? "-1") ?? -1
}
