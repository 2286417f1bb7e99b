import ArgumentParser
import Registry

/// `khcn rules`: every rule of the registry from its one home, table `khcn_rule` (SQL/0030):
/// a named constraint or a trigger refusal, its field, its message and its basis (the law or
/// the contract section). Any login may list them (issue 13).
struct RulesCommand: RegistryCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: words("Mọi quy tắc của sổ đăng ký: tên, loại, bảng, trường, thông báo, căn cứ.",
                        "Every rule of the registry: name, kind, table, field, message, basis."),
        discussion: words(
            "Cơ sở dữ liệu là nơi giữ quy tắc: mỗi quy tắc là một ràng buộc hoặc một lần từ chối của trigger, cùng tên với lỗi mà khcn báo. --json in name, kind, message (tiếng Việt), message_en, basis.",
            "The database is each rule's home: a named constraint or a trigger refusal, the same name as the error khcn reports. --json prints name, kind, message (Vietnamese), message_en, basis."))

    @Option(help: .vi("Chỉ các quy tắc của loại này: enterprises, certificates, funds, fund-allocations, ip, ip-fees, gi, gi-managers, gi-users, targets, watch, persons, users, provinces, audit, imports, schema.",
                      en: "Only the rules of this kind: enterprises, certificates, funds, fund-allocations, ip, ip-fees, gi, gi-managers, gi-users, targets, watch, persons, users, provinces, audit, imports, schema."))
    var kind: String?

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let (out, session) = try openForReading()
        let all = try Rules(session).list()
        let kinds = all.map(\.kind).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        if let kind, !kinds.contains(kind) {
            throw RegistryError(
                .usage, type: "usage-error", field: "kind", value: kind,
                vi: "Loại quy tắc là một trong: \(kinds.joined(separator: ", ")).",
                en: "The rule kind is one of: \(kinds.joined(separator: ", ")).")
        }
        let rules = all.filter { kind == nil || $0.kind == kind }
        if out.json {
            // Contract §5: exactly these keys; the message in Vietnamese, then in English.
            out.emit(.array(rules.map { rule in
                .object([
                    ("name", .string(rule.name)),
                    ("kind", .string(rule.kind)),
                    ("message", .string(rule.vietnamese)),
                    ("message_en", .string(rule.english)),
                    ("basis", .string(rule.basisVietnamese)),
                ])
            }))
            return
        }
        var table = Table([out.text("Quy tắc", "Rule"), out.text("Loại", "Kind"), out.text("Trường", "Field"),
                           out.text("Thông báo", "Message"), out.text("Căn cứ", "Basis")],
                          wrapped: [3, 4])
        table.maxWidth = 200   // five columns, two of them prose
        for rule in rules {
            table.append([rule.name, rule.kind, rule.field ?? "—", rule.message(out.language), rule.basis(out.language)])
        }
        out.say(table.rendered())
        out.say(out.text("\(rules.count) quy tắc", "\(rules.count) rules"))
    }
}
