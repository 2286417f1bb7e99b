import ArgumentParser
import Registry

extension IPCommand {
    struct Record: WritingCommand {
        static let configuration = CommandConfiguration(commandName: "record", abstract: words("Ghi một sự kiện có ngày của đơn (công bố, thẩm định, cấp bằng…).", "Record a dated event of an application's life."))

        @Argument(help: .applicationNumber) var number: String
        @Option(help: .vi("published (công bố), examination-requested (yêu cầu thẩm định nội dung), granted (cấp bằng), refused (từ chối), withdrawn (rút đơn), lapsed (mất hiệu lực), invalidated (hủy bỏ hiệu lực), restored (khôi phục) checked (đối chiếu với Cục SHTT) hoặc fee-paid (nộp phí duy trì).", en: "published, examination-requested, granted, refused, withdrawn, lapsed, invalidated, restored, checked or fee-paid.")) var event: IPEvent
        @Option(help: .vi("Ngày của sự kiện, dạng YYYY-MM-DD.", en: "Date of the event, YYYY-MM-DD.")) var on: DateArgument
        @Option(help: .vi("Số bằng (cùng --event granted), ví dụ 1-0026606.", en: "Grant number (with --event granted), e.g. 1-0026606.")) var grantNumber: String?
        @Option(help: .vi("Năm hiệu lực đã nộp phí duy trì (cùng --event fee-paid); nhắc lại cho nhiều năm.", en: "Validity year whose maintenance fee was paid (with --event fee-paid); repeat for several.")) var year: [Int] = []
        @OptionGroup var write: WriteOptions

        func validate() throws {
            if event == .granted && grantNumber == nil { throw UsageProblem.grantNumberMissing.error }
            if event != .granted && grantNumber != nil { throw UsageProblem.grantNumberWithoutGrant.error }
            if event == .feePaid && year.isEmpty { throw UsageProblem.feeYearMissing.error }
            if event != .feePaid && !year.isEmpty { throw UsageProblem.feeYearWithoutPayment.error }
        }

        func run() throws {
            let number = try ApplicationNumber(parsing: number)
            let (out, session, context, date) = try openForWriting(on: on)
            let (record, warnings) = event == .feePaid
                ? try IPRegister(session).payFees(number: number, years: year, on: date, context: context)
                : try IPRegister(session).record(number: number, event: event, on: date, grantNumber: grantNumber, context: context)
            out.written(record, warnings: warnings, done: out.text(
                "Đã ghi “\(out.eventWord(event.rawValue))” ngày \(out.date(date)) cho đơn \(number).",
                "Recorded “\(out.eventWord(event.rawValue))” on \(out.date(date)) for application \(number)."))
        }
    }
}
