import ArgumentParser
import Registry

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: words("Mọi thay đổi của các hồ sơ có khóa này, cũ trước mới sau.", "Every change to the records with this key, oldest first."),
        discussion: HelpText.history)

    @Argument(help: .vi("Mã số thuế, số giấy chứng nhận, số đơn…", en: "A tax code, certificate number, application number…")) var key: String
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let out = global.printer
        let session = try global.openRegistry()
        let changes = try History(session).changes(key: key)
        if changes.isEmpty {
            throw RegistryError.notFound("key", key, vi: "Không có thay đổi nào với khóa “\(key)”.", en: "No change is recorded for key “\(key)”.")
        }
        if out.json {
            out.emit(.array(changes.map { change in
                let order = RecordKind(rawValue: change.kind)?.columns ?? []
                return .object([
                    ("at", .string(change.at)), ("kind", .string(change.kind)), ("key", .string(change.key)),
                    ("action", .string(change.action)), ("actor", .string(change.actor)), ("db_user", .string(change.dbUser)),
                    ("reason", .optional(change.reason)), ("legal_ref", .optional(change.legalRef)),
                    ("batch", .optional(change.batch)),
                    ("old", change.oldJSON.map { JSON.parse($0, keyOrder: order) } ?? .null),
                    ("new", change.newJSON.map { JSON.parse($0, keyOrder: order) } ?? .null),
                ])
            }))
            return
        }
        for change in changes {
            let kind = RecordKind(rawValue: change.kind).map(out.kindWord) ?? change.kind
            var line = "\(out.timestamp(change.at))  \(kind) \(change.key)  \(out.word(change.action))  \(out.text("bởi", "by")) \(change.actor) (\(change.dbUser))"
            if let batch = change.batch { line += out.text("  lô nhập \(batch)", "  batch \(batch)") }
            out.say(line)
            if let reason = change.reason { out.say("    " + out.text("Lý do: ", "Reason: ") + reason) }
            if let legal = change.legalRef { out.say("    " + out.text("Căn cứ: ", "Legal reference: ") + legal) }
            for (field, before, after) in Printer.differences(change.oldJSON, change.newJSON, order: RecordKind(rawValue: change.kind)?.columns ?? []) {
                out.say(out.historyLine(out.label(field), out.historyValue(field, before), out.historyValue(field, after)))
            }
        }
    }
}

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
