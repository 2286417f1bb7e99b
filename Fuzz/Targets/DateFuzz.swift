@testable import Registry

/// Fuzzes the date readers: `CSVDate.parse` and its shortcut `CSVDate.iso` (contract §4:
/// `YYYY-MM-DD`, `dd/mm/yyyy`, `d/m/yyyy`, `dd-mm-yyyy`, `dd.mm.yyyy`, month-first only when
/// asked), `CivilDate(iso:)` (the command line) and `adding(days:)`. No impossible date
/// (31/02) ever gets through. Input: the `--date-format` choice, then the cell's text; or
/// (odd choice) four bytes read as year, month and day, so that rare days (29/02/1900) come
/// up as often as common ones.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDates(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    var input = FuzzInput(data, count)
    let choice = Int(input.choice())
    let order = DateOrder.allCases[choice / 2 % DateOrder.allCases.count]
    if choice % 2 == 1 {
        let bytes = input.payload + [0, 0, 0, 0]
        checkCalendar(Int(bytes[0]) << 8 + Int(bytes[1]), Int(bytes[2]) % 14, Int(bytes[3]) % 33, order: order)
        return 0
    }
    let text = String(decoding: input.payload, as: UTF8.self)

    // The import's shortcut for the two common shapes (issue 15) reads what `parse` reads.
    if let iso = input.payload.withUnsafeBufferPointer({ CSVDate.iso($0, order: order) }) {
        require((try? CSVDate.parse(text, order: order))?.description == iso, "the shortcut read “\(text)” (\(order)) as \(iso)")
    }

    let expected = oracle(text, order: order)
    do {
        let date = try CSVDate.parse(text, order: order)
        require(expected != nil, "accepted “\(text)” (\(order)) as \(date)")
        require(expected.map { ($0.year, $0.month, $0.day) == (date.year, date.month, date.day) } == true,
                "read “\(text)” (\(order)) as \(date), not \(expected!)")
        require(CivilDate(iso: date.description) == date, "\(date) does not read back from ISO")
        require((try? CSVDate.parse(date.vietnamese, order: .auto)) == date, "\(date.vietnamese) does not read back")
        require((try? CSVDate.parse(date.description, order: order)) == date, "\(date) does not read back with \(order)")
    } catch {
        require(expected == nil, "refused “\(text)” (\(order)), which is \(expected!)")
        require(!error.vi.isEmpty && !error.en.isEmpty, "a refusal without words")
    }

    if let iso = CivilDate(iso: text) {
        require(iso.description == text, "CivilDate(iso:) accepted “\(text)”")
        require(isReal(iso.year, iso.month, iso.day), "CivilDate(iso:) accepted \(text)")
    } else if let shape = CivilDate.isoShape(text) {
        require(!isReal(shape.0, shape.1, shape.2), "CivilDate(iso:) refused the real date \(text)")
    }

    // Day arithmetic (the Excel-serial hint) agrees with a plain day count, in the Gregorian era.
    if let expected, expected.year >= 1600, let start = CivilDate(year: expected.year, month: expected.month, day: expected.day) {
        let days = text.utf8.reduce(0) { ($0 &* 31 &+ Int($1)) % 200_001 } - 100_000
        if let moved = start.adding(days: days), moved.year >= 1600 {
            require(dayNumber(moved) - dayNumber(start) == days, "\(start) + \(days) days gave \(moved)")
        }
    }
    return 0
}

/// `CivilDate(year:month:day:)` refuses exactly the days the calendar lacks, and each date it
/// makes reads back from the forms the registry writes.
private func checkCalendar(_ year: Int, _ month: Int, _ day: Int, order: DateOrder) {
    let date = CivilDate(year: year, month: month, day: day)
    require((date != nil) == isReal(year, month, day), "CivilDate(year: \(year), month: \(month), day: \(day)) gave \(String(describing: date))")
    guard let date else { return }
    require(CivilDate(iso: date.description) == date, "\(date) does not read back from ISO")
    require((try? CSVDate.parse(date.description, order: order)) == date, "\(date) does not read back with \(order)")
    if order != .ymd && order != .mdy {
        require((try? CSVDate.parse(date.vietnamese, order: order)) == date, "\(date.vietnamese) does not read back with \(order)")
    }
}

/// The shapes of contract §4 restated without the parser's state machine.
private func oracle(_ text: String, order: DateOrder) -> (year: Int, month: Int, day: Int)? {
    let bytes = Array(text.utf8)
    guard let separator = bytes.first(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }) else { return nil }
    let groups = bytes.split(separator: separator, omittingEmptySubsequences: false)
    guard groups.count == 3, groups.allSatisfy({ (1...4).contains($0.count) && $0.allSatisfy { $0 >= 48 && $0 <= 57 } }) else { return nil }
    let numbers = groups.map { $0.reduce(0) { $0 * 10 + Int($1) - 48 } }
    let (year, month, day): (Int, Int, Int)
    if groups[0].count == 4 {
        (year, month, day) = (numbers[0], numbers[1], numbers[2])
    } else if groups[2].count == 4 && order != .ymd {
        (year, month, day) = order == .mdy ? (numbers[2], numbers[0], numbers[1]) : (numbers[2], numbers[1], numbers[0])
    } else {
        return nil
    }
    return isReal(year, month, day) ? (year, month, day) : nil
}

/// The Gregorian calendar: 30 days hath September, April, June and November; February 29
/// only in years divisible by 4, except centuries not divisible by 400.
private func isReal(_ year: Int, _ month: Int, _ day: Int) -> Bool {
    let leap = year % 400 == 0 || (year % 4 == 0 && year % 100 != 0)
    let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return (1...9999).contains(year) && (1...12).contains(month) && day >= 1 && day <= lengths[month - 1]
}

/// Days since 0000-03-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil).
private func dayNumber(_ date: CivilDate) -> Int {
    let year = date.month <= 2 ? date.year - 1 : date.year
    let era = year / 400
    let yearOfEra = year - era * 400
    let dayOfYear = (153 * (date.month + (date.month > 2 ? -3 : 9)) + 2) / 5 + date.day - 1
    return era * 146_097 + yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
}
