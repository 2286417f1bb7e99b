import ArgumentParser
import Registry

/// `khcn rules`: every rule of the registry from its one home, table `khcn_rule` (SQL/0030):
/// a named constraint or a trigger refusal, its field, its message and its basis (the law or
/// the contract section). Any login may list them (issue 13).
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: words("Mọi quy tắc của sổ đăng ký: tên, bảng, trường, thông báo, căn cứ.",
                        "Every rule of the registry: name, table, field, message, basis."),
        discussion: words(
            "Cơ sở dữ liệu là nơi giữ quy tắc: mỗi quy tắc là một ràng buộc hoặc một lần từ chối của trigger, cùng tên với lỗi mà khcn báo. --json in cả hai thông báo (vi, en) và căn cứ bằng cả hai thứ tiếng (basis, basis_en).",
            "The database is each rule's home: a named constraint or a trigger refusal, the same name as the error khcn reports. --json prints both messages (vi, en) and the basis in both languages (basis, basis_en)."))

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let out = global.printer
        let rules = try Rules(try global.openRegistry()).list()
        if out.json {
            out.emit(.array(rules.map { rule in
                .object([
                    ("name", .string(rule.name)),
                    ("table", .string(rule.table)),
                    ("field", .optional(rule.field)),
                    ("vi", .string(rule.vietnamese)),
                    ("en", .string(rule.english)),
                    ("basis", .string(rule.basisVietnamese)),
                    ("basis_en", .string(rule.basisEnglish)),
                ])
            }))
            return
        }
        var table = Table([out.text("Quy tắc", "Rule"), out.text("Bảng", "Table"), out.text("Trường", "Field"),
                           out.text("Thông báo", "Message"), out.text("Căn cứ", "Basis")],
                          wrapped: [3, 4])
        table.maxWidth = 200   // five columns, two of them prose
        for rule in rules {
            table.append([rule.name, rule.table, rule.field ?? "—", rule.message(out.language), rule.basis(out.language)])
        }
        out.say(table.rendered())
        out.say(out.text("\(rules.count) quy tắc", "\(rules.count) rules"))
    }
}
