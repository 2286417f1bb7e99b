import Foundation

/// One unit of `SQL/` that `khcn db migrate` applies in a transaction of its own: a numbered
/// file (`0036_watch_speed.sql`), a numbered folder of files applied as one
/// (`0035_baseline/`, its `.sql` files in name order), or a file of `definitions/`.
public struct Migration: Sendable {
    public enum Kind: Sendable, Equatable {
        /// Applied once, recorded in `khcn_migrations` under its number, never edited after.
        case versioned
        /// Re-applied whenever its text changes, recorded in `khcn_definitions` by name.
        case definitions
    }

    public let kind: Kind
    /// The number of a versioned migration (0 for definitions).
    public let version: Int
    /// `0036_watch_speed.sql`, `0035_baseline`, `definitions/04_audit.sql`.
    public let name: String
    public let sql: String
    /// For a baseline: the numbered files it stands for and their recorded SHA-256
    /// (`replaces.txt`), so that a database migrated by them counts as holding it.
    public let replaces: [(name: String, checksum: String)]

    init(_ kind: Kind, version: Int = 0, name: String, sql: String, replaces: [(name: String, checksum: String)] = []) {
        self.kind = kind
        self.version = version
        self.name = name
        self.sql = sql
        self.replaces = replaces
    }
}

/// What is in `SQL/`: `roles.sql`, the numbered migrations (files and folders) and the
/// definitions (README, "Migrations").
struct MigrationFiles {
    let versioned: [Migration]
    let definitions: [Migration]

    static let definitionsFolder = "definitions"

    init(_ directory: URL) throws(RegistryError) {
        var versioned: [Migration] = []
        for name in try MigrationFiles.list(directory) {
            guard let version = Int(name.prefix { $0.isNumber }), version > 0 else { continue }
            let url = directory.appendingPathComponent(name)
            if name.hasSuffix(".sql") {
                versioned.append(Migration(.versioned, version: version, name: name, sql: try MigrationFiles.text(url)))
            } else if MigrationFiles.isFolder(url) {
                var parts: [String] = []
                for part in try MigrationFiles.list(url) where part.hasSuffix(".sql") {
                    parts.append(try MigrationFiles.text(url.appendingPathComponent(part)))
                }
                let sql = parts.joined(separator: "\n")
                let replacesURL = url.appendingPathComponent("replaces.txt")
                let replaces = FileManager.default.fileExists(atPath: replacesURL.path)
                    ? try MigrationFiles.text(replacesURL).split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line -> (String, String)? in
                        let fields = line.split(separator: " ")
                        return fields.count == 2 ? (String(fields[0]), String(fields[1])) : nil
                    }
                    : []
                versioned.append(Migration(.versioned, version: version, name: name, sql: sql, replaces: replaces))
            }
        }
        versioned.sort { $0.version < $1.version }
        for (previous, next) in zip(versioned, versioned.dropFirst()) where previous.version == next.version {
            throw RegistryError(.bug, type: "internal-error",
                                vi: "Hai tệp cùng số thứ tự: \(previous.name), \(next.name)",
                                en: "Two migrations share a number: \(previous.name), \(next.name)")
        }
        self.versioned = versioned
        let folder = directory.appendingPathComponent(MigrationFiles.definitionsFolder)
        var definitions: [Migration] = []
        if MigrationFiles.isFolder(folder) {
            for name in try MigrationFiles.list(folder) where name.hasSuffix(".sql") {
                definitions.append(Migration(.definitions, name: MigrationFiles.definitionsFolder + "/" + name,
                                             sql: try MigrationFiles.text(folder.appendingPathComponent(name))))
            }
        }
        self.definitions = definitions
    }

    /// The names in a folder, sorted (the order of application).
    static func list(_ folder: URL) throws(RegistryError) -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        } catch {
            throw RegistryError(.bug, type: "internal-error", vi: "Không đọc được \(folder.path)", en: "Cannot read \(folder.path)")
        }
    }

    static func text(_ url: URL) throws(RegistryError) -> String {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw RegistryError(.bug, type: "internal-error", vi: "Không đọc được \(url.lastPathComponent)", en: "Cannot read \(url.lastPathComponent)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func isFolder(_ url: URL) -> Bool {
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &folder) && folder.boolValue
    }

    /// `KHCN_SQL_DIR`, else the `SQL/` folder (the one holding `roles.sql` and `definitions/`)
    /// of the checkout that holds the running binary (or the current directory, or this source file).
    static func locate() throws(RegistryError) -> URL {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["KHCN_SQL_DIR"], !explicit.isEmpty {
            return URL(fileURLWithPath: explicit)
        }
        var starts = [
            URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent(),
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
            URL(fileURLWithPath: #filePath).deletingLastPathComponent(),
        ]
        if let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            starts.insert(URL(fileURLWithPath: executable).deletingLastPathComponent(), at: 0)
        }
        for start in starts {
            var folder = start.standardizedFileURL
            while folder.path != "/" {
                let candidate = folder.appendingPathComponent("SQL")
                if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("roles.sql").path),
                   isFolder(candidate.appendingPathComponent(definitionsFolder)) {
                    return candidate
                }
                folder.deleteLastPathComponent()
            }
        }
        throw RegistryError(
            .bug, type: "internal-error",
            vi: "Không tìm thấy thư mục SQL/ của khcn; đặt KHCN_SQL_DIR trỏ tới nó.",
            en: "Cannot find khcn's SQL/ folder; set KHCN_SQL_DIR to point at it.")
    }
}
