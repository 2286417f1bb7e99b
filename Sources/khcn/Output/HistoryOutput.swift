import Registry

extension Printer {
    /// `    Địa chỉ: — → Tổ 3` with a line break held in a value (an address) continuing under
    /// the value, as `enterprise show` does, so the next field still starts at its margin.
    func historyLine(_ label: String, _ before: String, _ after: String) -> String {
        let head = "    \(label): "
        let indent = "\n" + String(repeating: " ", count: head.count)
        let lines = (before + " → " + after).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        return head + lines.joined(separator: indent)
    }

    /// `2026-11-27T10:00:00+07:00` → `27/11/2026 10:00` in Vietnamese.
    func timestamp(_ rfc3339: String) -> String {
        guard vietnamese, rfc3339.count >= 16, let date = CivilDate(iso: String(rfc3339.prefix(10))) else { return rfc3339 }
        return date.vietnamese + " " + rfc3339.dropFirst(11).prefix(5)
    }

    /// Field-by-field differences between two audit images, in column order.
    static func differences(_ old: String?, _ new: String?, order: [String]) -> [(String, JSON?, JSON?)] {
        func pairs(_ text: String?) -> [(String, JSON)] {
            guard let text, case .object(let pairs) = JSON.parse(text, keyOrder: order) else { return [] }
            return pairs
        }
        let before = Dictionary(pairs(old), uniquingKeysWith: { a, _ in a })
        let after = pairs(new)
        let keys = after.isEmpty ? pairs(old).map(\.0) : after.map(\.0)
        let afterMap = Dictionary(after, uniquingKeysWith: { a, _ in a })
        return keys.filter { !Labels.isInternal($0) }.compactMap { key in
            let a = before[key], b = afterMap[key]
            if a == b { return nil }
            if (a == nil || a == .null) && (b == nil || b == .null) { return nil }
            if case .array(let items)? = b, items.isEmpty, a == nil { return nil }
            return (key, a, b)
        }
    }
}
