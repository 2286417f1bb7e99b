import ArgumentParser
import Registry

extension EnterpriseCommand {
    struct SetStatus: WritingCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-status", abstract: words("Ghi thay đổi trạng thái có ngày: active (hoạt động), suspended (tạm ngừng), dissolved (giải thể).",
                                                       "Record a dated status change: active, suspended or dissolved."),
            discussion: HelpText.enterpriseSetStatus)

        @OptionGroup var enterprise: EnterpriseArgument
        @Argument(help: .vi("active (hoạt động), suspended (tạm ngừng) hoặc dissolved (giải thể).", en: "active, suspended or dissolved.")) var status: EnterpriseStatus
        @Option(help: .vi("Ngày có hiệu lực, dạng YYYY-MM-DD.", en: "Date the change takes effect, YYYY-MM-DD.")) var on: DateArgument
        @OptionGroup var write: WriteOptions

        func run() throws {
            let taxCode = try enterprise.code
            let (out, session, context, date) = try openForWriting(on: on)
            let result = try EnterpriseRegister(session).setStatus(taxCode, to: status, on: date, context: context)
            out.written(result, file: try EnterpriseRegister(session).file(result.enterprise.taxCode), done: out.text(
                "Đã ghi trạng thái “\(out.status(status))” từ \(out.date(date)) cho \(taxCode).",
                "Recorded status “\(out.status(status))” from \(out.date(date)) for \(taxCode)."))
        }
    }
}
