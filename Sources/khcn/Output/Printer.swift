import Foundation
import Registry

/// Everything a command writes goes through here: JSON on stdout for scripts, Vietnamese (or
/// English) text for people, warnings and errors on stderr.
struct Printer {
    let language: Language
    let json: Bool

    var vietnamese: Bool { language == .vietnamese }

    /// Picks the text in the output language.
    func text(_ vi: String, _ en: String) -> String { vietnamese ? vi : en }

    func date(_ date: CivilDate?) -> String {
        guard let date else { return "—" }
        return vietnamese ? date.vietnamese : date.description
    }

    /// `1.000.000 đ` in Vietnamese, `1,000,000 VND` in English.
    func money(_ dong: Int) -> String {
        let digits = String(abs(dong))
        var grouped = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(vietnamese ? "." : ",") }
            grouped.append(character)
        }
        return (dong < 0 ? "-" : "") + grouped + (vietnamese ? " đ" : " VND")
    }

    func emit(_ value: JSON) {
        print(value.rendered())
    }

    /// Contract §4: nothing is printed to a terminal unescaped. Stored text written before the
    /// rule (or the audit trail, which is never corrected) may hold ESC, BEL or U+202E: every
    /// line is escaped here (`\u{1B}`), keeping only its line breaks and tabs.
    func say(_ line: String) {
        print(CleanText.escaped(line, keepingLineBreaks: true))
    }

    /// A line whose last word is coloured (a terminal only); the text itself is escaped.
    func say(_ line: String, colouring word: String, code: String) {
        print(CleanText.escaped(line, keepingLineBreaks: true) + "\u{1B}[\(code)m" + CleanText.escaped(word) + "\u{1B}[0m")
    }

    func warn(_ line: String) {
        FileHandle.standardError.write(Data((CleanText.escaped(line, keepingLineBreaks: true) + "\n").utf8))
    }

    /// A key–value card ("Tên doanh nghiệp   Công ty …") with the labels aligned.
    func card(_ title: String, _ fields: [(String, String)]) -> String {
        let width = fields.map(\.0.count).max() ?? 0
        // A line break held in a value (an address) continues under the value, not at the margin.
        let indent = "\n" + String(repeating: " ", count: width + 4)
        let lines = fields.map { label, value in
            "  " + label + String(repeating: " ", count: width - label.count) + "  "
                + value.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { CleanText.escaped(String($0)) }.joined(separator: indent)
        }
        return ([title] + lines).joined(separator: "\n")
    }

    /// Reports a failure: the error object on stdout with `--json`, the message on stderr,
    /// and the contract's exit code.
    func fail(_ error: RegistryError) -> Never {
        if json {
            let object = JSON.object([("error", .object([
                ("type", .string(error.type)),
                ("field", .optional(error.field)),
                ("value", .optional(error.value)),
                ("message", .string(error.english)),
                ("sqlstate", .optional(error.sqlstate)),
            ]))])
            // After a streamed document cut half-way, on a line of its own (StreamedDocument).
            if StreamedDocument.hasBegun { print("") }
            emit(object)
        }
        let prefix = vietnamese ? "Lỗi" : "Error"
        var message = "\(prefix): \(error.message(language))"
        if let field = error.field, !message.contains(field) {
            message += vietnamese ? " [trường \(field)" : " [field \(field)"
            if let value = error.value { message += vietnamese ? ", giá trị “\(value)”]" : ", value “\(value)”]" } else { message += "]" }
        }
        warn(message)
        exit(error.exitCode)
    }
}
