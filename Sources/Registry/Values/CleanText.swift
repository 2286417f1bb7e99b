import Foundation

/// Text as the registry stores it: NFC-normalised (PostgreSQL compares bytes, so NFC and NFD
/// forms of one Vietnamese name would otherwise differ), trimmed, free of NUL bytes, and within
/// its field's length. The database applies the same normalisation in its triggers.
public enum CleanText {
    /// Returns the cleaned text, nil for blank optional text, or a rule error naming the field.
    public static func clean(
        _ raw: String?, field: String, label: (vi: String, en: String), maxLength: Int, required: Bool
    ) throws(RegistryError) -> String? {
        guard let raw else {
            if required { throw missing(field, label) }
            return nil
        }
        if raw.unicodeScalars.contains("\u{0}") {
            throw RegistryError(
                .rule, type: "type-error", field: field, value: raw.replacingOccurrences(of: "\u{0}", with: "\\0"),
                vi: "\(label.vi) chứa ký tự NUL (\\0), không thể lưu.",
                en: "\(label.en) contains a NUL byte (\\0), which cannot be stored.")
        }
        let text = raw.precomposedStringWithCanonicalMapping.trimmingWhitespace()
        if text.isEmpty {
            if required { throw missing(field, label) }
            return nil
        }
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
