import ArgumentParser
import Registry

struct HistoryCommand: RegistryCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: words("Mọi thay đổi của các hồ sơ có khóa này, cũ trước mới sau.", "Every change to the records with this key, oldest first."),
        discussion: HelpText.history)

    @Argument(help: .vi("Mã số thuế, số giấy chứng nhận, số đơn…", en: "A tax code, certificate number, application number…")) var key: String
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let (out, session) = try openForReading()
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
