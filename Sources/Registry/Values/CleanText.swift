import Foundation

/// Text as the registry stores it: NFC-normalised (PostgreSQL compares bytes, so NFC and NFD
/// forms of one Vietnamese name would otherwise differ), trimmed, within its field's length,
/// and free of the characters contract §4 refuses. The database holds the same rules
/// (`khcn_clean_text`, `khcn_text_is_clean` in SQL/0014); this type says which field and
/// which character, before the database is asked.
public enum CleanText {
    /// Contract §4: control characters (U+0000–001F, U+007F–009F) and bidirectional overrides
    /// (U+202A–202E, U+2066–2069) are refused in every field; tab and line breaks are allowed in
    /// addresses only (a tab elsewhere is a paste accident that would break every table).
    /// Mirrors `khcn_text_refused_pattern` in SQL/0014; `TextRuleCases` checks that they agree.
    public static func isRefused(_ scalar: Unicode.Scalar, allowLineBreaks: Bool) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: !allowLineBreaks
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// The first refused character of `text`, if any.
    public static func firstRefused(_ text: String, allowLineBreaks: Bool = false) -> Unicode.Scalar? {
        // Fast path for a million-row import: every refused character is a byte below 0x20,
        // 0x7F, or starts with 0xC2 (U+0080–009F) or 0xE2 (U+202A…, U+2066…).
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 }) else { return nil }
        return text.unicodeScalars.first { isRefused($0, allowLineBreaks: allowLineBreaks) }
    }

    /// `U+001B`, as messages and the database name a character.
    public static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// What the character is, for a clerk who cannot see it.
    static func describe(_ scalar: Unicode.Scalar) -> (vi: String, en: String) {
        switch scalar.value {
        case 0x202A...0x202E, 0x2066...0x2069:
            ("ký tự đổi chiều văn bản \(codePoint(scalar))", "bidirectional override \(codePoint(scalar))")
        case 0x09: ("ký tự tab \(codePoint(scalar))", "tab \(codePoint(scalar))")
        case 0x0A, 0x0D: ("ký tự xuống dòng \(codePoint(scalar))", "line break \(codePoint(scalar))")
        default: ("ký tự điều khiển \(codePoint(scalar))", "control character \(codePoint(scalar))")
        }
    }

    /// What is wrong with `text` under contract §4, or nil when it is clean.
    public static func problem(
        _ text: String, label: (vi: String, en: String), allowLineBreaks: Bool = false
    ) -> (vi: String, en: String)? {
        guard let scalar = firstRefused(text, allowLineBreaks: allowLineBreaks) else { return nil }
        let (vi, en) = describe(scalar)
        let lineBreak = [0x09, 0x0A, 0x0D].contains(scalar.value)
        return ("\(label.vi) chứa \(vi), không được phép\(lineBreak ? " (chỉ địa chỉ được có tab, xuống dòng)" : "") (hợp đồng §4).",
                "\(label.en) contains a \(en), which is not allowed\(lineBreak ? " (only addresses may hold tabs and line breaks)" : "") (contract §4).")
    }

    /// Refuses text holding a character of contract §4 (exit 65), naming field and character.
    /// (The value travels raw: JSON escapes it, and human output escapes every line.)
    public static func check(
        _ text: String, field: String, label: (vi: String, en: String), allowLineBreaks: Bool = false
    ) throws(RegistryError) {
        guard let (vi, en) = problem(text, label: label, allowLineBreaks: allowLineBreaks) else { return }
        throw RegistryError.invalid(field, text, vi: vi, en: en)
    }

    /// The text with every refused character written `\u{1B}`, safe to print anywhere.
    public static func escaped(_ text: String, keepingLineBreaks: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { isRefused($0, allowLineBreaks: false) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isRefused(scalar, allowLineBreaks: keepingLineBreaks && scalar != "\r") {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Every run of horizontal spaces (U+0020, U+00A0, the Unicode space separators; never a
    /// tab or a line break) as one U+0020, as `khcn_clean_text` stores it (SQL/0016, issue 12).
    public static func collapsingSpaces(_ text: String) -> String {
        // Fast path for a million-row import: no two ASCII spaces in a row and no lead byte
        // pair of a non-ASCII space (C2 A0; E1 9A; E2 80/81; E3 80). Vietnamese letters
        // (E1 B8–BB) pass.
        var previous: UInt8 = 0
        var needed = false
        for byte in text.utf8 {
            switch (previous, byte) {
            case (0x20, 0x20), (0xC2, 0xA0), (0xE1, 0x9A), (0xE2, 0x80), (0xE2, 0x81), (0xE3, 0x80): needed = true
            default: break
            }
            if needed { break }
            previous = byte
        }
        if !needed { return text }
        var out = String.UnicodeScalarView()
        var inRun = false
        for scalar in text.unicodeScalars {
            if isCollapsedSpace(scalar) {
                if !inRun { out.append(" ") }
                inRun = true
            } else {
                out.append(scalar)
                inRun = false
            }
        }
        return String(out)
    }

    static func isCollapsedSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// Returns the cleaned text, nil for blank optional text, or a rule error naming the field.
    public static func clean(
        _ raw: String?, field: String, label: (vi: String, en: String), maxLength: Int, required: Bool,
        allowLineBreaks: Bool = false
    ) throws(RegistryError) -> String? {
        guard let raw else {
            if required { throw missing(field, label) }
            return nil
        }
        if raw.unicodeScalars.contains("\u{0}") {
            throw RegistryError(
                .rule, type: "type-error", field: field, value: raw,
                vi: "\(label.vi) chứa ký tự NUL (U+0000), không thể lưu.",
                en: "\(label.en) contains a NUL byte (U+0000), which cannot be stored.")
        }
        let text = collapsingSpaces(raw.precomposedStringWithCanonicalMapping.trimmingWhitespace())
        if text.isEmpty {
            if required { throw missing(field, label) }
            return nil
        }
        try check(text, field: field, label: label, allowLineBreaks: allowLineBreaks)
        if text.count > maxLength {
            throw RegistryError.invalid(
                field, String(text.prefix(40)) + "…",
                vi: "\(label.vi) dài \(text.count) ký tự, tối đa \(maxLength).",
                en: "\(label.en) is \(text.count) characters long; at most \(maxLength).")
        }
        return text
    }

    private static func missing(_ field: String, _ label: (vi: String, en: String)) -> RegistryError {
        RegistryError(.rule, type: "missing-cell", field: field, value: "", vi: "\(label.vi) không được để trống.", en: "\(label.en) must not be empty.")
    }
}
