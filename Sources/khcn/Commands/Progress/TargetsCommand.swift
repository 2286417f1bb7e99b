import ArgumentParser
import Registry

struct TargetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "targets", abstract: words("Các chỉ tiêu của Kế hoạch 222/KH-UBND.", "The plan's targets (Kế hoạch 222/KH-UBND)."),
        subcommands: [List.self, Record.self, SetRule.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: words("Mọi chỉ tiêu với mức cần đạt, thời hạn và cách tính.", "Every target with its threshold, deadline and counting rule."))
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let out = global.printer
            let targets = try Targets(try global.openRegistry()).list()
            if out.json {
                out.emit(.array(targets.map { target in
                    .object([
                        ("code", .string(target.code)), ("title", .string(target.title)), ("title_en", .string(target.titleEn)),
                        ("comparator", .string(target.comparator.rawValue)), ("threshold", .number(target.threshold)),
                        ("stretch", target.stretch.map(JSON.number) ?? .null), ("unit", .string(target.unit)),
                        ("baseline_date", .string(target.baselineDate.description)), ("deadline", .string(target.deadline.description)),
                        ("computed", .bool(target.computed)), ("rule", .optional(target.rule)),
                        ("counting", .string(target.counting)), ("plan_wording", .string(target.planWording)),
                    ])
                }))
                return
            }
            var table = Table([out.text("Mã", "Code"), out.text("Chỉ tiêu", "Target"), out.text("Mục tiêu", "Goal"),
                               out.text("Hạn", "Deadline"), out.text("Cách tính", "Counted")])
            for target in targets {
                table.append([target.code, out.vietnamese ? target.title : target.titleEn, out.goal(target), out.date(target.deadline),
                              target.computed ? out.text("từ sổ đăng ký", "from the registry") + (target.rule.map { " (\($0))" } ?? "")
                                              : out.text("ghi tay", "by hand")])
            }
            out.say(table.rendered())
        }
    }

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: words("Ghi số liệu có ngày của một chỉ tiêu không tính được từ sổ đăng ký.", "A dated observation of a target the registry cannot count."))

        @Argument(help: .vi("Mã chỉ tiêu (xem khcn targets list).", en: "Target code (khcn targets list).")) var code: String
        /// One value; `.allUnrecognized` so that a negative value (`-3`) arrives here and meets
        /// the target's rule, instead of reading as an unknown option and a missing argument.
        @Argument(parsing: .allUnrecognized, help: .vi("Giá trị, theo đơn vị của chỉ tiêu (ví dụ 0,85 hoặc 0.85 cho 0,85%).", en: "The value, in the target's unit (e.g. 0,85 or 0.85 for 0.85%)."))
        var value: [String] = []
        @Option(help: .vi("Ngày của số liệu, dạng YYYY-MM-DD.", en: "Date of the observation, YYYY-MM-DD.")) var on: DateArgument
        @Option(help: .vi("Nguồn số liệu.", en: "Where the figure comes from.")) var source: String?
        @OptionGroup var write: WriteOptions
        @OptionGroup var global: GlobalOptions

        /// The one value, decimal comma or point (issue 12); a negative one goes on to the
        /// target's rule, which refuses it (65) saying why. Anything else is a usage error (64).
        func requireValue() throws(RegistryError) -> Double {
            guard value.count == 1, let number = TargetValue(argument: value[0]) else {
                let stray = value.first { TargetValue(argument: $0) == nil } ?? value.dropFirst().first
                let shape = ("khcn targets record MÃ GIÁ_TRỊ --on NGÀY (ví dụ 0,85 cho 0,85 %)",
                             "khcn targets record CODE VALUE --on DATE (e.g. 0.85 for 0.85%)")
                throw RegistryError(
                    .usage, type: "usage-error", field: "value", value: stray,
                    vi: stray.map { "Không hiểu “\($0)”: cần đúng một giá trị là số, \(shape.0)." } ?? "Thiếu giá trị: \(shape.0).",
                    en: stray.map { "Cannot read “\($0)”: give exactly one number, \(shape.1)." } ?? "The value is missing: \(shape.1).")
            }
            return number.number
        }

        func run() throws {
            let out = global.printer
            let value = try requireValue()
            let date = try on.date(field: "on")
            let context = try write.context()
            let session = try global.openRegistry()
            try Targets(session).record(code, value: value, on: date, source: source, context: context)
            let progress = try PlanProgress(session).on(session.today, only: code)
            if out.json, let first = progress.first {
                out.emit(out.json(first, details: false).adding("warnings", .array([])))
            } else {
                out.say(out.text("Đã ghi \(code) = \(out.number(value)) ngày \(out.date(date)).", "Recorded \(code) = \(out.number(value)) on \(out.date(date))."))
            }
        }
    }

    struct SetRule: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set-rule", abstract: words("Chỉ tiêu ip-filings tính theo số đơn đã nộp (filed) hay số bằng đã cấp (granted).", "Which figure ip-filings counts: filed or granted."))

        @Argument(help: .vi("ip-filings", en: "ip-filings")) var code: String
        @Argument(help: .vi("filed (đơn đã nộp) hoặc granted (bằng đã cấp)", en: "filed or granted")) var rule: IPRule
        @OptionGroup var write: WriteOptions
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let out = global.printer
            let context = try write.context()
            let session = try global.openRegistry()
            try Targets(session).setRule(code, rule: rule.rawValue, context: context)
            if out.json {
                out.emit(.object([("code", .string(code)), ("rule", .string(rule.rawValue)), ("warnings", .array([]))]))
            } else {
                out.say(out.text("Chỉ tiêu \(code) nay tính theo \(out.ruleWord(rule.rawValue)) (\(rule.rawValue)).",
                                 "Target \(code) now counts \(out.ruleWord(rule.rawValue)) (\(rule.rawValue))."))
            }
        }
    }
}

/// A target value as a clerk writes it: `0,85` (the decimal comma this tool itself prints in
/// Vietnamese) or `0.85`; `-3` too, so that the target's rule can say why it is refused.
struct TargetValue {
    let number: Double

    init?(argument: String) {
        let text = argument.contains(".") ? argument : argument.replacingOccurrences(of: ",", with: ".")
        guard text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }),
              let number = Double(text), number.isFinite else { return nil }
        self.number = number
    }
}

enum IPRule: String, ExpressibleByArgument, CaseIterable {
    case filed, granted
}
