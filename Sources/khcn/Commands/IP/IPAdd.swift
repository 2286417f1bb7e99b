import ArgumentParser
import Registry

extension IPCommand {
    struct Add: WritingCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: words("Ghi một đơn sáng chế hoặc giải pháp hữu ích.", "Register an application."))

        @Option(help: .vi("invention (sáng chế) hoặc utility-solution (giải pháp hữu ích).", en: "invention or utility-solution.")) var kind: IPKind
        @Option(help: .vi("Số đơn T-YYYY-NNNNN (T = 1 sáng chế, 2 giải pháp hữu ích).", en: "T-YYYY-NNNNN (1 invention, 2 utility solution).")) var applicationNumber: String
        @Option(help: .vi("Ngày nộp đơn, dạng YYYY-MM-DD.", en: "Filing date, YYYY-MM-DD.")) var filed: DateArgument
        @Option(help: .vi("Tên sáng chế hoặc giải pháp.", en: "Title of the invention or solution.")) var title: String
        @Option(help: .vi("Chủ đơn là doanh nghiệp đã đăng ký: mã số thuế.", en: "Applicant: a registered enterprise.")) var applicantTaxCode: String?
        @Option(help: .vi("Chủ đơn là tổ chức hoặc cá nhân: tên như trên đơn.", en: "Applicant: an organisation or person, as named.")) var applicantName: String?
        @Option(help: .vi("organisation (tổ chức, mặc định) hoặc person (cá nhân): tên cá nhân là dữ liệu cá nhân (Luật 91/2025/QH15).", en: "organisation (default) or person: a person's name is personal data (Law 91/2025/QH15).")) var applicantType: ApplicantType = .organisation
        @Option(help: .vi("Mã phân loại IPC, ví dụ A01G 9/14; nhắc lại cho nhiều mã.", en: "IPC symbol, e.g. A01G 9/14; repeat for several.")) var ipc: [String] = []
        @Option(help: .vi("Ngày ưu tiên được hưởng, dạng YYYY-MM-DD (các thời hạn tính từ ngày này).", en: "Priority date claimed, YYYY-MM-DD (time limits count from it).")) var priority: DateArgument?
        @OptionGroup var write: WriteOptions

        func validate() throws {
            if applicantTaxCode == nil && applicantName == nil {
                throw UsageProblem.applicantMissing.error
            }
        }

        func run() throws {
            let number = try ApplicationNumber(parsing: applicationNumber)
            let filed = try filed.date(field: "filed_on")
            let applicant = try TaxCode.argument(ifGiven: applicantTaxCode, field: "applicant_tax_code")
            let (out, session, context) = try openForWriting()
            let (record, warnings) = try IPRegister(session).add(
                kind: kind, number: number, filed: filed, title: title, applicantTaxCode: applicant,
                applicantName: applicantName, applicantType: applicantType, ipc: ipc, priority: try priority?.date(field: "priority_on"), context: context)
            out.written(record, warnings: warnings, done: out.text("Đã ghi đơn \(number).", "Registered application \(number)."))
        }
    }
}
