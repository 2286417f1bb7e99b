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

    func say(_ line: String) {
        print(line)
    }

    func warn(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// A key–value card ("Tên doanh nghiệp   Công ty …") with the labels aligned.
    func card(_ title: String, _ fields: [(String, String)]) -> String {
        let width = fields.map(\.0.count).max() ?? 0
        let lines = fields.map { label, value in
            "  " + label + String(repeating: " ", count: width - label.count) + "  " + value
        }
        return ([title] + lines).joined(separator: "\n")
    }

    /// Reports a failure: the error object on stdout with `--json`, the message on stderr,
    /// and the contract's exit code.
    func fail(_ error: RegistryError) -> Never {
        if json {
            emit(.object([("error", .object([
                ("type", .string(error.type)),
                ("field", .optional(error.field)),
                ("value", .optional(error.value)),
                ("message", .string(error.english)),
                ("sqlstate", .optional(error.sqlstate)),
            ]))]))
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
