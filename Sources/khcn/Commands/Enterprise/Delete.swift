import ArgumentParser
import Registry

extension EnterpriseCommand {
    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove an enterprise that nothing points at; the audit trail keeps it.")

        @Argument(help: "Tax code of the enterprise.") var taxCode: String
        @OptionGroup var write: WriteOptions
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if write.reason == nil { throw ValidationError("Missing expected argument '--reason <reason>'") }
        }

        func run() throws {
            let out = global.printer
            let taxCode = try TaxCode.argument(taxCode)
            let context = try write.context()
            let session = try global.openRegistry()
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
