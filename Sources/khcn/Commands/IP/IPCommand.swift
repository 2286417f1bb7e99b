import ArgumentParser
import Registry

struct IPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ip", abstract: words("Sáng chế và giải pháp hữu ích: đơn, sự kiện, trạng thái.", "Inventions and utility solutions (sáng chế, giải pháp hữu ích)."),
        subcommands: [Add.self, Record.self, Show.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: words("Ghi một đơn sáng chế hoặc giải pháp hữu ích.", "Register an application."))

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
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if applicantTaxCode == nil && applicantName == nil {
                throw UsageProblem.applicantMissing.error
            }
        }

        func run() throws {
            let out = global.printer
            let number = try ApplicationNumber(parsing: applicationNumber)
            let filed = try filed.date(field: "filed_on")
            let applicant = try applicantTaxCode.map { code throws(RegistryError) in try TaxCode.argument(code, field: "applicant_tax_code") }
            let context = try write.context()
            let session = try global.openRegistry()
            let (record, warnings) = try IPRegister(session).add(
                kind: kind, number: number, filed: filed, title: title, applicantTaxCode: applicant,
                applicantName: applicantName, applicantType: applicantType, ipc: ipc, priority: try priority?.date(field: "priority_on"), context: context)
            out.written(record, warnings: warnings, done: out.text("Đã ghi đơn \(number).", "Registered application \(number)."))
        }
    }

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: words("Ghi một sự kiện có ngày của đơn (công bố, thẩm định, cấp bằng…).", "Record a dated event of an application's life."))

        @Argument(help: .vi("Số đơn.", en: "Application number.")) var number: String
        @Option(help: .vi("published (công bố), examination-requested (yêu cầu thẩm định nội dung), granted (cấp bằng), refused (từ chối), withdrawn (rút đơn), lapsed (mất hiệu lực), invalidated (hủy bỏ hiệu lực), restored (khôi phục) checked (đối chiếu với Cục SHTT) hoặc fee-paid (nộp phí duy trì).", en: "published, examination-requested, granted, refused, withdrawn, lapsed, invalidated, restored, checked or fee-paid.")) var event: IPEvent
        @Option(help: .vi("Ngày của sự kiện, dạng YYYY-MM-DD.", en: "Date of the event, YYYY-MM-DD.")) var on: DateArgument
        @Option(help: .vi("Số bằng (cùng --event granted), ví dụ 1-0026606.", en: "Grant number (with --event granted), e.g. 1-0026606.")) var grantNumber: String?
        @Option(help: .vi("Năm hiệu lực đã nộp phí duy trì (cùng --event fee-paid); nhắc lại cho nhiều năm.", en: "Validity year whose maintenance fee was paid (with --event fee-paid); repeat for several.")) var year: [Int] = []
        @OptionGroup var write: WriteOptions
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if event == .granted && grantNumber == nil { throw UsageProblem.grantNumberMissing.error }
            if event != .granted && grantNumber != nil { throw UsageProblem.grantNumberWithoutGrant.error }
            if event == .feePaid && year.isEmpty { throw UsageProblem.feeYearMissing.error }
            if event != .feePaid && !year.isEmpty { throw UsageProblem.feeYearWithoutPayment.error }
        }

        func run() throws {
            let out = global.printer
            let number = try ApplicationNumber(parsing: number)
            let date = try on.date(field: "on")
            let context = try write.context()
            let session = try global.openRegistry()
            let (record, warnings) = event == .feePaid
                ? try IPRegister(session).payFees(number: number, years: year, on: date, context: context)
                : try IPRegister(session).record(number: number, event: event, on: date, grantNumber: grantNumber, context: context)
            out.written(record, warnings: warnings, done: out.text(
                "Đã ghi “\(out.eventWord(event.rawValue))” ngày \(out.date(date)) cho đơn \(number).",
                "Recorded “\(out.eventWord(event.rawValue))” on \(out.date(date)) for application \(number)."))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: words("Một đơn với các sự kiện, trạng thái và ngày hết hạn bảo hộ.", "An application with its events, derived status and expiry."))

        @Argument(help: .vi("Số đơn.", en: "Application number.")) var number: String
        @Option(help: .vi("Trạng thái tại ngày này, dạng YYYY-MM-DD (mặc định hôm nay).", en: "Status on this day, YYYY-MM-DD (default today).")) var asOf: DateArgument?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let out = global.printer
            let number = try ApplicationNumber(parsing: number)
            let day = try asOf?.date(field: "as_of")
            let session = try global.openRegistry()
            out.show(try IPRegister(session).find(number, asOf: day))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: words("Danh sách đơn và trạng thái; với --as-of: các đơn đã nộp đến ngày đó, với trạng thái khi đó.", "Applications with their status; with --as-of, those filed by then, with their status then."))

        @Option(help: .vi("invention (sáng chế) hoặc utility-solution (giải pháp hữu ích).", en: "invention or utility-solution.")) var kind: IPKind?
        @Option(help: .vi("filed (đã nộp), published (đã công bố), under_examination (đang thẩm định), granted (đã cấp bằng), refused (bị từ chối), withdrawn (đã rút), lapsed (mất hiệu lực), expired (hết hạn) hoặc invalidated (bị hủy bỏ).", en: "filed, published, under_examination, granted, refused, withdrawn, lapsed, expired or invalidated.")) var status: IPStatus?
        @Option(help: .vi("Trạng thái tại ngày này, dạng YYYY-MM-DD.", en: "Status on this day, YYYY-MM-DD.")) var asOf: DateArgument?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let out = global.printer
            let day = try asOf?.date(field: "as_of")
            let session = try global.openRegistry()
            try out.list(kind: .ip, empty: ("Không có đơn nào.", "No application.")) { body throws(RegistryError) in
                try IPRegister(session).each(kind: kind, status: status, asOf: day, body)
            }
        }
    }
}

extension IPKind: ExpressibleByArgument {}
extension IPStatus: ExpressibleByArgument {}
extension ApplicantType: ExpressibleByArgument {}
extension IPEvent: ExpressibleByArgument {}
