import ArgumentParser
import Registry

extension TargetsCommand {
    struct SetRule: WritingCommand {
        static let configuration = CommandConfiguration(commandName: "set-rule", abstract: words("Chỉ tiêu ip-filings tính theo số đơn đã nộp (filed) hay số bằng đã cấp (granted).", "Which figure ip-filings counts: filed or granted."))

        @Argument(help: .vi("ip-filings", en: "ip-filings")) var code: String
        @Argument(help: .vi("filed (đơn đã nộp) hoặc granted (bằng đã cấp)", en: "filed or granted")) var rule: IPRule
        @OptionGroup var write: WriteOptions

        func run() throws {
            let (out, session, context) = try openForWriting()
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
