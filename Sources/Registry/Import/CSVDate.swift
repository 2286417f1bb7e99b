/// How dates in a CSV are read (contract §4): never month-first unless asked.
public enum DateOrder: String, Sendable, CaseIterable {
    case auto, dmy, ymd, mdy
}

/// A problem with one cell, before it is placed on a line.
struct CellProblem: Error {
    var kind: ImportProblem.Kind
    var vi: String
    var en: String
}

/// Dates as spreadsheets write them (contract §4): `YYYY-MM-DD`, `dd/mm/yyyy`, `d/m/yyyy`,
/// `dd-mm-yyyy`, `dd.mm.yyyy`; month-first only with `--date-format mdy`.
enum CSVDate {
    static func parse(_ text: String, order: DateOrder) throws(CellProblem) -> CivilDate {
        let bytes = text.utf8
        if bytes.count == 5, bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            let serial = Int(text)!
            let hint = CivilDate(year: 1899, month: 12, day: 30)!.adding(days: serial)
            throw CellProblem(
                kind: .type,
                vi: "“\(text)” là số ngày kiểu Excel, không phải ngày\(hint.map { " (có lẽ là \($0.vietnamese))" } ?? ""); hãy định dạng cột là ngày dd/mm/yyyy.",
                en: "“\(text)” is an Excel serial date, not a date\(hint.map { " (probably \($0))" } ?? ""); format the column as a dd/mm/yyyy date.")
        }
        var parts: [Int] = []
        var widths: [Int] = []
        var current = 0, digits = 0
        var separators: [UInt8] = []
        for byte in bytes {
            if byte >= 48 && byte <= 57 {
                current = current * 10 + Int(byte - 48)
                digits += 1
                if digits > 4 { throw shapeProblem(text) }
            } else if byte == 0x2F || byte == 0x2D || byte == 0x2E {
                guard digits > 0 else { throw shapeProblem(text) }
                parts.append(current); widths.append(digits); separators.append(byte)
                current = 0; digits = 0
            } else {
                throw shapeProblem(text)
            }
        }
        guard digits > 0 else { throw shapeProblem(text) }
        parts.append(current); widths.append(digits)
        guard parts.count == 3, separators[0] == separators[1] else { throw shapeProblem(text) }
        let (year, month, day): (Int, Int, Int)
        if widths[0] == 4 {
            // Year first: YYYY-MM-DD (also accepted as YYYY/MM/DD) whatever the order flag says.
            (year, month, day) = (parts[0], parts[1], parts[2])
        } else {
            guard widths[2] == 4, order != .ymd else { throw shapeProblem(text) }
            (year, month, day) = order == .mdy ? (parts[2], parts[0], parts[1]) : (parts[2], parts[1], parts[0])
        }
        guard let date = CivilDate(year: year, month: month, day: day) else {
            throw CellProblem(kind: .constraint, vi: "Ngày “\(text)” không tồn tại trong lịch.", en: "The date “\(text)” does not exist in the calendar.")
        }
        return date
    }

    /// The ISO text of a date written in one of the two shapes nearly every file holds,
    /// `dd/mm/yyyy` (also `-` or `.`; month first with `mdy`) and `YYYY-MM-DD` (also `/` or
    /// `.`), read straight from the cell's bytes: the same date `parse` reads, without its
    /// allocations (issue 15). Nil for every other text, which `parse` reads or explains.
    static func iso(_ cell: UnsafeBufferPointer<UInt8>, order: DateOrder) -> String? {
        guard cell.count == 10 else { return nil }
        func digits(_ start: Int, _ count: Int) -> Int? {
            var value = 0
            for index in start..<start + count {
                let digit = cell[index] &- 0x30
                guard digit <= 9 else { return nil }
                value = value * 10 + Int(digit)
            }
            return value
        }
        func isSeparator(_ byte: UInt8) -> Bool { byte == 0x2F || byte == 0x2D || byte == 0x2E }
        let year: Int, month: Int, day: Int
        if isSeparator(cell[4]), cell[7] == cell[4], let y = digits(0, 4), let m = digits(5, 2), let d = digits(8, 2) {
            (year, month, day) = (y, m, d)
        } else if isSeparator(cell[2]), cell[5] == cell[2], order != .ymd, let a = digits(0, 2), let b = digits(3, 2), let y = digits(6, 4) {
            (year, month, day) = order == .mdy ? (y, a, b) : (y, b, a)
        } else {
            return nil
        }
        guard CivilDate(year: year, month: month, day: day) != nil else { return nil }
        // `CivilDate.description`'s `YYYY-MM-DD`, as a small string (no allocation).
        return String(unsafeUninitializedCapacity: 10) { text in
            func put(_ value: Int, at offset: Int, width: Int) {
                var rest = value
                for index in (offset..<offset + width).reversed() {
                    text[index] = UInt8(rest % 10) + 0x30
                    rest /= 10
                }
            }
            put(year, at: 0, width: 4)
            text[4] = 0x2D
            put(month, at: 5, width: 2)
            text[7] = 0x2D
            put(day, at: 8, width: 2)
            return 10
        }
    }

    static func shapeProblem(_ text: String) -> CellProblem {
        CellProblem(kind: .type, vi: "“\(text)” không phải ngày; viết dd/mm/yyyy hoặc YYYY-MM-DD.",
                    en: "“\(text)” is not a date; write dd/mm/yyyy or YYYY-MM-DD.")
    }
}
