import Foundation
import Testing

/// The layout rules of issue 13, checked on the tree itself so that they stay true: values
/// reach SQL only as bound parameters of a typed `Query` (no hand-numbered `$1` in any Swift
/// string), and no Swift file grows past 300 lines (STYLE.md: a file a reader can hold).
@Suite struct SourceLayoutTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func swiftFiles() throws -> [URL] {
        var files: [URL] = []
        for folder in ["Sources", "Tests", "Fuzz"] {
            let base = root.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walker where url.pathExtension == "swift" { files.append(url) }
        }
        return files.sorted { $0.path < $1.path }
    }

    @Test func noSwiftFileIsOver300Lines() throws {
        let files = try Self.swiftFiles()
        #expect(files.count > 100, "the walk found the tree")
        var long: [String] = []
        for file in files {
            let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).count - 1
            if lines > 300 { long.append("\(file.path.dropFirst(Self.root.path.count + 1)) (\(lines))") }
        }
        #expect(long.isEmpty, "files over 300 lines: \(long.joined(separator: ", "))")
    }

    /// Every command names itself: a command without `commandName` is named from its type at
    /// each start, and ArgumentParser asks that of every command in the tree, a dynamic cast per
    /// type (issue 15: 37 unnamed commands cost every `khcn` run 3.5 ms, 22.7 → 19.0 ms for
    /// `khcn import list --help`, `perf stat -r 40`).
    @Test func everyCommandConfigurationNamesItsCommand() throws {
        var unnamed: [String] = []
        var configurations = 0
        for file in try Self.swiftFiles() where file.path.contains("/Sources/khcn/") {
            let text = try String(contentsOf: file, encoding: .utf8)
            let parts = text.components(separatedBy: "CommandConfiguration(").dropFirst()
            configurations += parts.count
            for part in parts where !part.drop(while: \.isWhitespace).hasPrefix("commandName:") {
                unnamed.append(String(file.path.dropFirst(Self.root.path.count + 1)))
            }
        }
        #expect(configurations > 50, "the walk found the commands")
        #expect(unnamed.isEmpty, "commands named from their type: \(unnamed.joined(separator: ", "))")
    }

    /// The files that test the placeholder numbering itself.
    static let aboutPlaceholders: Set<String> = ["QueryTests.swift", "SourceLayoutTests.swift"]

    @Test func noHandNumberedPlaceholderInAnySwiftString() throws {
        var found: [String] = []
        for file in try Self.swiftFiles() where !Self.aboutPlaceholders.contains(file.lastPathComponent) {
            let text = try String(contentsOf: file, encoding: .utf8)
            for (line, literal) in StringLiterals.placeholders(in: text) {
                found.append("\(file.path.dropFirst(Self.root.path.count + 1)):\(line): \(literal)")
            }
        }
        #expect(found.isEmpty, "hand-numbered placeholders in string literals (interpolate the value into a Query instead): \(found.joined(separator: "; "))")
    }

    @Test func theScannerFindsPlaceholdersOnlyInsideStrings() {
        let source = #"""
            let a = xs.map { $0 + 1 }   // $1 in a comment
            let b = "SELECT $1"
            let c = """
                WHERE x = $12 AND y = \(f { $0 })
                """
            let d = #"FROM raw $3"#
            let e = "regex template $1, shell \"$0\""
            let f = "SELECT 'SCRAM-SHA-256$4096:x', plan ANY ($0)"
            """#
        #expect(StringLiterals.placeholders(in: source).map(\.0) == [2, 4, 6])
    }
}

/// A small scanner of Swift source: reports `$<digit>` met inside string literals (plain,
/// multi-line and raw), not in code, comments or interpolated code.
enum StringLiterals {
    static func placeholders(in source: String) -> [(Int, String)] {
        let s = Array(source.unicodeScalars)
        var found: [(Int, String)] = []
        var i = 0, line = 1
        func at(_ k: Int, _ text: String) -> Bool {
            let t = Array(text.unicodeScalars)
            return k + t.count <= s.count && Array(s[k..<k + t.count]) == t
        }
        // Scans code until `end` (a closing paren at depth 0 when inside an interpolation).
        func code(untilParen: Bool) {
            var depth = 0
            while i < s.count {
                if s[i] == "\n" { line += 1; i += 1; continue }
                if at(i, "//") { while i < s.count && s[i] != "\n" { i += 1 }; continue }
                if at(i, "/*") { while i < s.count && !at(i, "*/") { if s[i] == "\n" { line += 1 }; i += 1 }; i += 2; continue }
                if s[i] == "#" || s[i] == "\"" {
                    var hashes = 0
                    var k = i
                    while k < s.count && s[k] == "#" { hashes += 1; k += 1 }
                    if k < s.count && s[k] == "\"" { i = k; string(hashes: hashes); continue }
                    i += 1; continue
                }
                if untilParen {
                    if s[i] == "(" { depth += 1 }
                    if s[i] == ")" { if depth == 0 { i += 1; return }; depth -= 1 }
                }
                i += 1
            }
        }
        func string(hashes: Int) {
            let start = found.count
            var text = ""
            defer {
                // Only SQL text counts: `$1` is also a regex template or a shell argument.
                if text.range(of: #"\b(SELECT|INSERT|UPDATE|DELETE|FROM|WHERE|VALUES|COPY|RETURNING|JOIN|AND|OR|SET|LIMIT|ORDER|CASE|WHEN|IS|NULL|IN|ANY|LIKE|NOT)\b|::"#, options: .regularExpression) == nil {
                    found.removeSubrange(start...)
                }
            }
            let multi = at(i, "\"\"\"")
            i += multi ? 3 : 1
            let close = (multi ? "\"\"\"" : "\"") + String(repeating: "#", count: hashes)
            let escape = "\\" + String(repeating: "#", count: hashes)
            while i < s.count {
                if at(i, close) { i += close.unicodeScalars.count; return }
                if s[i] == "\n" { line += 1; i += 1; continue }
                if at(i, escape) {
                    i += escape.unicodeScalars.count
                    if i < s.count && s[i] == "(" { i += 1; code(untilParen: true) } else { i += 1 }
                    continue
                }
                text.unicodeScalars.append(s[i])
                // `$1`…: a placeholder; not `$0` (a plan's internal parameter) nor the `$4096`
                // glued to a word (a SCRAM verifier).
                if s[i] == "$", i + 1 < s.count, ("1"..."9").contains(s[i + 1]),
                   i == 0 || !(s[i - 1].properties.isAlphabetic || ("0"..."9").contains(s[i - 1])) {
                    var k = i + 1
                    while k < s.count && ("0"..."9").contains(s[k]) { k += 1 }
                    found.append((line, String(String.UnicodeScalarView(s[i..<k]))))
                    i = k; continue
                }
                i += 1
            }
        }
        code(untilParen: false)
        return found
    }
}
