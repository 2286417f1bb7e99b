import ArgumentParser
import Registry

extension EnterpriseCommand {
    struct Delete: WritingCommand {
        static let configuration = CommandConfiguration(commandName: "delete", abstract: words("Xóa doanh nghiệp không còn hồ sơ nào liên quan; nhật ký vẫn giữ lại.", "Remove an enterprise that nothing points at; the audit trail keeps it."),
            discussion: HelpText.enterpriseDelete)

        @OptionGroup var enterprise: EnterpriseArgument
        @OptionGroup var write: ReasonedWriteOptions

        func run() throws {
            let taxCode = try enterprise.code
            let (out, session, context) = try openForWriting()
            let removed = try EnterpriseRegister(session).delete(taxCode, context: context)
            if out.json {
                out.emit(out.json(removed).adding("warnings", .array([])))
            } else {
                out.say(out.text("Đã xóa doanh nghiệp \(taxCode); lịch sử vẫn được giữ (khcn history \(taxCode)).",
                                 "Deleted enterprise \(taxCode); its history is kept (khcn history \(taxCode))."))
                out.say(out.card(removed))
            }
        }
    }
}
