import Foundation

/// The cell rules of import: how one cell of a clerk's spreadsheet becomes the canonical text
/// that is staged (NFC, trimmed, spaces collapsed as the database stores them), or a
/// `CellProblem` saying what would be right. Each rule is the domain value's own parser where
/// one exists (`TaxCode`, `Money`, `ApplicationNumber`…), so the import cannot drift from it.
extension ImportColumns {

    /// NFC (only when NFC may change the cell: cheap for a million rows) and trimmed.
    static func clean(_ raw: String) -> String {
        // Contract §6: `export --excel` wrote a `'` before a cell a spreadsheet would run as a formula.
        var text = raw.utf8.first == 0x27 && ExcelCell.isNeutralised(raw) ? String(raw.dropFirst()) : raw
        if NFC.mayChange(text) { text = text.precomposedStringWithCanonicalMapping }
        if let first = text.utf8.first, let last = text.utf8.last,
           first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09 || first == 0x0A || last == 0x0A || first == 0x0D || last == 0x0D {
            text = text.trimmingWhitespace()
        }
        return CleanText.collapsingSpaces(text)   // as the database stores it (SQL/0016)
    }

    static func text(_ raw: String, maxLength: Int, lineBreaks: Bool) throws(CellProblem) -> String? {
        let text = clean(raw)
        if text.isEmpty { return nil }
        if text.utf8.contains(0) { throw CellProblem(kind: .type, vi: "Ô chứa ký tự NUL.", en: "The cell contains a NUL byte.") }
        if let problem = CleanText.problem(text, label: ("Ô", "The cell"), allowLineBreaks: lineBreaks) {
            throw CellProblem(kind: .constraint, vi: problem.vi, en: problem.en)
        }
        if text.utf8.count > maxLength, text.count > maxLength {
            throw CellProblem(kind: .constraint, vi: "Dài \(text.count) ký tự, tối đa \(maxLength).", en: "\(text.count) characters long; at most \(maxLength).")
        }
        return text
    }

    static func taxCode(_ raw: String, _ order: DateOrder) throws(CellProblem) -> String? {
        let text = clean(raw)
        if text.isEmpty { return nil }
        do {
            return try TaxCode(parsing: text).description
        } catch {
            let shape = text.allSatisfy { $0.isNumber || $0 == "-" || $0 == " " || $0 == "." }
            throw CellProblem(kind: shape ? .constraint : .type, vi: error.vietnamese, en: error.english)
        }
    }

    static func date(_ raw: String, _ order: DateOrder) throws(CellProblem) -> String? {
        let text = clean(raw)
        if text.isEmpty { return nil }
        return try CSVDate.parse(text, order: order).description
    }

    static func money(_ raw: String, _ order: DateOrder) throws(CellProblem) -> String? {
        let text = clean(raw)
        if text.isEmpty { return nil }
        do {
            return String(try Money(parsing: text).dong)
        } catch {
            if case .negative = error {
                throw CellProblem(kind: .constraint, vi: "Số tiền không được âm.", en: "An amount cannot be negative.")
            }
            throw CellProblem(kind: .type, vi: "Số tiền phải là số nguyên đồng, ví dụ 1000000, 1.000.000 hoặc 1 000 000.",
                              en: "An amount is a whole number of đồng, e.g. 1000000, 1.000.000 or 1 000 000.")
        }
    }

    static func year(_ raw: String, _ order: DateOrder) throws(CellProblem) -> String? {
        let text = clean(raw)
        if text.isEmpty { return nil }
        guard text.count == 4, let value = Int(text), (1990...2200).contains(value) else {
            throw CellProblem(kind: .type, vi: "Năm phải gồm 4 chữ số, ví dụ 2024.", en: "A year is 4 digits, e.g. 2024.")
        }
        return text
    }

    static func communeCode(_ raw: String, _ order: DateOrder) throws(CellProblem) -> String? {
        let text = clean(raw)
        if text.isEmpty { return nil }
        guard text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            throw CellProblem(kind: .type, vi: "Mã xã chỉ gồm chữ số.", en: "A commune code has digits only.")
        }
        if text.utf8.count == 4 {
            throw CellProblem(kind: .constraint, vi: "Mã xã “\(text)” có 4 chữ số: có lẽ Excel đã bỏ số 0 ở đầu (0\(text)).",
                              en: "Commune code “\(text)” has 4 digits: Excel probably dropped its leading zero (0\(text)).")
        }
        guard text.utf8.count == 5 else {
            throw CellProblem(kind: .constraint, vi: "Mã xã gồm đúng 5 chữ số.", en: "A commune code is exactly 5 digits.")
        }
        return text
    }

    static func vsic(_ raw: String, _ order: DateOrder) throws(CellProblem) -> String? {
        let text = clean(raw)
        if text.isEmpty { return nil }
        let codes = text.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        guard codes.allSatisfy({ $0.count == 4 && $0.allSatisfy { $0.isASCII && $0.isNumber } }), Set(codes).count == codes.count else {
            throw CellProblem(kind: .constraint, vi: "Mã ngành là mã VSIC cấp 4 (4 chữ số), nhiều mã cách nhau bởi |, không trùng.",
                              en: "Industry codes are level-4 VSIC codes (4 digits), several separated by |, none repeated.")
        }
        return codes.joined(separator: "|")
    }

    static func ipc(_ raw: String, _ order: DateOrder) throws(CellProblem) -> String? {
        let text = clean(raw)
        if text.isEmpty { return nil }
        let codes = text.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
        guard codes.allSatisfy(IPRegister.isIPC) else {
            throw CellProblem(kind: .constraint, vi: "Mã IPC không đúng dạng (ví dụ A01G 9/14), nhiều mã cách nhau bởi |.",
                              en: "IPC codes look like A01G 9/14, several separated by |.")
        }
        return codes.joined(separator: "|")
    }

    static func choice(_ values: [String: String], _ expected: String) -> (String, DateOrder) throws(CellProblem) -> String? {
        { raw, _ throws(CellProblem) in
            let text = clean(raw)
            if text.isEmpty { return nil }
            guard let value = values[ImportColumn.fold(text)] ?? values[text.lowercased()] else {
                throw CellProblem(kind: .type, vi: "Giá trị phải là một trong: \(expected).", en: "The value must be one of: \(expected).")
            }
            return value
        }
    }

    static func basis(_ raw: String, _ order: DateOrder) throws(CellProblem) -> String? {
        let text = clean(raw)
        if text.isEmpty { return nil }
        guard let basis = CertificateRegister.Basis(text: text) else {
            throw CellProblem(kind: .constraint, vi: "Căn cứ là 13/2019/NĐ-CP hoặc 268/2025/NĐ-CP.", en: "The basis is 13/2019/NĐ-CP or 268/2025/NĐ-CP.")
        }
        return basis.rawValue
    }

    static func ipKind(_ raw: String, _ order: DateOrder) throws(CellProblem) -> String? {
        let text = clean(raw)
        if text.isEmpty { return nil }
        guard let kind = IPKind(word: text) else {
            throw CellProblem(kind: .type, vi: "Loại là “sáng chế” (invention) hoặc “giải pháp hữu ích” (utility-solution).",
                              en: "The kind is invention (sáng chế) or utility-solution (giải pháp hữu ích).")
        }
        return kind.rawValue
    }

    static func applicationNumber(_ raw: String, _ order: DateOrder) throws(CellProblem) -> String? {
        let text = clean(raw)
        if text.isEmpty { return nil }
        do {
            return try ApplicationNumber(parsing: text).description
        } catch {
            throw CellProblem(kind: .constraint, vi: error.vietnamese, en: error.english)
        }
    }

    static func giNumber(_ raw: String, _ order: DateOrder) throws(CellProblem) -> String? {
        let text = clean(raw)
        if text.isEmpty { return nil }
        do {
            return try GIRegister.certificateNumber(text)
        } catch {
            throw CellProblem(kind: .constraint, vi: error.vietnamese, en: error.english)
        }
    }

    static func giApplicationNumber(_ raw: String, _ order: DateOrder) throws(CellProblem) -> String? {
        let text = clean(raw)
        if text.isEmpty { return nil }
        guard text.wholeMatch(of: /6-[0-9]{4}-[0-9]{5}/) != nil else {
            throw CellProblem(kind: .constraint, vi: "Số đơn chỉ dẫn địa lý có dạng 6-YYYY-NNNNN.", en: "A GI application number looks like 6-YYYY-NNNNN.")
        }
        return text
    }
}
