import ArgumentParser
import Registry

extension CertificateCommand {
    struct Amend: WritingCommand {
        static let configuration = CommandConfiguration(
            commandName: "amend",
            abstract: words("Ghi việc sửa đổi, bổ sung hoặc, với --reissue, cấp lại giấy chứng nhận.", "Record an amendment (sửa đổi, bổ sung) or, with --reissue, a re-issue (cấp lại) of a certificate."))

        @Argument(help: .certificateNumber) var number: String
        @Option(help: .vi("Ngày sửa đổi, dạng YYYY-MM-DD.", en: "Date of the amendment, YYYY-MM-DD.")) var on: DateArgument
        @Option(help: .vi("Nội dung thay đổi, như ghi trong quyết định.", en: "What changed, as the decision says.")) var description: String
        @Flag(help: .vi("Cấp lại, không phải sửa đổi.", en: "A re-issue (cấp lại) rather than an amendment.")) var reissue = false
        @OptionGroup var write: WriteOptions

        func run() throws {
            let (out, session, context, date) = try openForWriting(on: on)
            let record = try CertificateRegister(session).amend(
                number: number, on: date, description: description, reissued: reissue, decision: nil, context: context)
            out.written(record, done: out.text("Đã ghi sửa đổi giấy chứng nhận \(number) ngày \(out.date(date)).",
                                               "Recorded an amendment of certificate \(number) on \(out.date(date))."))
        }
    }
}
