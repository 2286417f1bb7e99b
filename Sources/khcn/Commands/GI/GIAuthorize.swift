import ArgumentParser
import Registry

extension GICommand {
    /// `khcn gi authorize NUM --tax-code MST --on DATE [--until DATE]`: an enterprise authorised
    /// to use the GI (IP Law art. 121, 123); `--until` is the last day of the authorisation.
    struct Authorize: WritingCommand {
        static let configuration = CommandConfiguration(commandName: "authorize", abstract: words("Ghi doanh nghiệp được phép sử dụng chỉ dẫn địa lý, và ngày hết được phép.", "Record an enterprise authorised to use a GI, and when it stops."))

        @Argument(help: .certificateNumber) var number: String
        @Option(help: .vi("Mã số thuế của doanh nghiệp được phép.", en: "The enterprise authorised.")) var taxCode: String
        @Option(help: .vi("Kể từ ngày này, dạng YYYY-MM-DD.", en: "From this day, YYYY-MM-DD.")) var on: DateArgument
        @Option(help: .vi("Ngày cuối cùng được phép, dạng YYYY-MM-DD.", en: "The last day of the authorisation, YYYY-MM-DD.")) var until: DateArgument?
        @Option(help: .vi("Quyết định làm căn cứ.", en: "The decision behind it.")) var decision: String?
        @OptionGroup var write: WriteOptions

        func run() throws {
            let date = try on.date(field: "on")
            let until = try until?.date(field: "until")
            let code = try TaxCode.argument(taxCode)
            let (out, session, context) = try openForWriting()
            let record = try GIRegister(session).authorize(number: number, taxCode: code, on: date, until: until, decision: decision, context: context)
            out.written(record, done: out.text("Đã ghi doanh nghiệp \(code) được phép sử dụng chỉ dẫn địa lý \(number) từ \(out.date(date)).",
                                               "Recorded enterprise \(code) as authorised to use GI \(number) from \(out.date(date))."))
        }
    }
}
