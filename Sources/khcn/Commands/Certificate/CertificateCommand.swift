import ArgumentParser
import Registry

struct CertificateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certificate", abstract: words("Giấy chứng nhận doanh nghiệp KH&CN.", "S&T enterprise certificates (giấy chứng nhận doanh nghiệp KH&CN)."),
        subcommands: [Add.self, Amend.self, Revoke.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: words("Ghi một giấy chứng nhận đã cấp.", "Register an issued certificate."))

        @Option(help: .vi("Mã số thuế của doanh nghiệp.", en: "Tax code of the enterprise.")) var taxCode: String
        @Option(help: .vi("Số giấy chứng nhận như in trên giấy.", en: "Certificate number as printed.")) var number: String
        @Option(help: .vi("Ngày cấp, dạng YYYY-MM-DD.", en: "Issue date, YYYY-MM-DD.")) var issued: DateArgument
        @Option(help: .vi("Cơ quan cấp (không bắt buộc).", en: "Issuing body (default: none recorded).")) var issuer: String?
        @Option(help: .vi("Căn cứ: 13/2019/NĐ-CP hoặc 268/2025/NĐ-CP (mặc định: văn bản có hiệu lực vào ngày cấp).", en: "Legal basis: 13/2019/NĐ-CP or 268/2025/NĐ-CP (default: the one in force on the issue date).")) var basis: String?
        @Option(help: .vi("Kết quả KH&CN làm căn cứ cấp (bằng sáng chế, quyền tác giả phần mềm…); nhắc lại cho nhiều kết quả.", en: "An S&T result the certificate relies on (patent, software copyright…); repeat for several.")) var result: [String] = []
        @OptionGroup var write: WriteOptions
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let out = global.printer
            let taxCode = try TaxCode.argument(taxCode)
            let issued = try issued.date(field: "issued_on")
            let context = try write.context()
            let session = try global.openRegistry()
            let (record, warnings) = try CertificateRegister(session).add(
                number: number, taxCode: taxCode, issued: issued, issuer: issuer, basis: basis, results: result, context: context)
            out.written(record, warnings: warnings, done: out.text("Đã ghi giấy chứng nhận \(number).", "Registered certificate \(number)."))
        }
    }

    struct Amend: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: words("Ghi việc sửa đổi, bổ sung hoặc, với --reissue, cấp lại giấy chứng nhận.", "Record an amendment (sửa đổi, bổ sung) or, with --reissue, a re-issue (cấp lại) of a certificate."))

        @Argument(help: .vi("Số văn bằng / giấy chứng nhận.", en: "Certificate number.")) var number: String
        @Option(help: .vi("Ngày sửa đổi, dạng YYYY-MM-DD.", en: "Date of the amendment, YYYY-MM-DD.")) var on: DateArgument
        @Option(help: .vi("Nội dung thay đổi, như ghi trong quyết định.", en: "What changed, as the decision says.")) var description: String
        @Flag(help: .vi("Cấp lại, không phải sửa đổi.", en: "A re-issue (cấp lại) rather than an amendment.")) var reissue = false
        @OptionGroup var write: WriteOptions
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let out = global.printer
            let date = try on.date(field: "on")
            let context = try write.context()
            let session = try global.openRegistry()
            let record = try CertificateRegister(session).amend(
                number: number, on: date, description: description, reissued: reissue, decision: nil, context: context)
            out.written(record, done: out.text("Đã ghi sửa đổi giấy chứng nhận \(number) ngày \(out.date(date)).",
                                               "Recorded an amendment of certificate \(number) on \(out.date(date))."))
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: words("Thu hồi hoặc, với --invalidate, hủy bỏ hiệu lực giấy chứng nhận (cần --reason).", "Revoke (thu hồi) or, with --invalidate, invalidate (hủy bỏ hiệu lực) a certificate."))

        @Argument(help: .vi("Số văn bằng / giấy chứng nhận.", en: "Certificate number.")) var number: String
        @Option(help: .vi("Ngày quyết định có hiệu lực, dạng YYYY-MM-DD.", en: "Date the decision takes effect, YYYY-MM-DD.")) var on: DateArgument
        @Flag(help: .vi("Hủy bỏ hiệu lực thay vì thu hồi.", en: "Invalidation (hủy bỏ hiệu lực) rather than revocation.")) var invalidate = false
        @OptionGroup var write: ReasonedWriteOptions
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let out = global.printer
            let date = try on.date(field: "on")
            let context = try write.context()
            let session = try global.openRegistry()
            let record = try CertificateRegister(session).revoke(number: number, on: date, reason: context.reason ?? "", invalidate: invalidate, context: context)
            out.written(record, done: invalidate
                ? out.text("Đã hủy bỏ hiệu lực giấy chứng nhận \(number) từ \(out.date(date)).", "Invalidated certificate \(number) from \(out.date(date)).")
                : out.text("Đã thu hồi giấy chứng nhận \(number) từ \(out.date(date)).", "Revoked certificate \(number) from \(out.date(date))."))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: words("Danh sách giấy chứng nhận; với --as-of: các giấy còn hiệu lực ngày đó.", "Certificates; with --as-of, those in force on that day."))

        @Option(help: .vi("Chỉ giấy chứng nhận của doanh nghiệp này (mã số thuế).", en: "Only this enterprise's certificates.")) var taxCode: String?
        @Option(help: .vi("Còn hiệu lực tại ngày này, dạng YYYY-MM-DD.", en: "In force on this day, YYYY-MM-DD.")) var asOf: DateArgument?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let out = global.printer
            let taxCode = try taxCode.map { code throws(RegistryError) in try TaxCode.argument(code) }
            let day = try asOf?.date(field: "as_of")
            let session = try global.openRegistry()
            try out.list(kind: .certificate, empty: ("Không có giấy chứng nhận nào.", "No certificate.")) { body throws(RegistryError) in
                try CertificateRegister(session).each(taxCode: taxCode, asOf: day, body)
            }
        }
    }
}
