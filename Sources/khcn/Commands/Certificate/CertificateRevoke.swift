import ArgumentParser
import Registry

extension CertificateCommand {
    struct Revoke: WritingCommand {
        static let configuration = CommandConfiguration(commandName: "revoke", abstract: words("Thu hồi hoặc, với --invalidate, hủy bỏ hiệu lực giấy chứng nhận (cần --reason).", "Revoke (thu hồi) or, with --invalidate, invalidate (hủy bỏ hiệu lực) a certificate."))

        @Argument(help: .certificateNumber) var number: String
        @Option(help: .vi("Ngày quyết định có hiệu lực, dạng YYYY-MM-DD.", en: "Date the decision takes effect, YYYY-MM-DD.")) var on: DateArgument
        @Flag(help: .vi("Hủy bỏ hiệu lực thay vì thu hồi.", en: "Invalidation (hủy bỏ hiệu lực) rather than revocation.")) var invalidate = false
        @OptionGroup var write: ReasonedWriteOptions

        func run() throws {
            let (out, session, context, date) = try openForWriting(on: on)
            let record = try CertificateRegister(session).revoke(number: number, on: date, reason: context.reason ?? "", invalidate: invalidate, context: context)
            out.written(record, done: invalidate
                ? out.text("Đã hủy bỏ hiệu lực giấy chứng nhận \(number) từ \(out.date(date)).", "Invalidated certificate \(number) from \(out.date(date)).")
                : out.text("Đã thu hồi giấy chứng nhận \(number) từ \(out.date(date)).", "Revoked certificate \(number) from \(out.date(date))."))
        }
    }
}
