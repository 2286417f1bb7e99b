import ArgumentParser
import Registry

struct CertificateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certificate", abstract: "S&T enterprise certificates (giấy chứng nhận doanh nghiệp KH&CN).",
        subcommands: [Add.self, Amend.self, Revoke.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register an issued certificate.")

        @Option(help: "Tax code of the enterprise.") var taxCode: String
        @Option(help: "Certificate number as printed.") var number: String
        @Option(help: "Issue date, YYYY-MM-DD.") var issued: DateArgument
        @Option(help: "Issuing body (default: none recorded).") var issuer: String?
        @Option(help: "Legal basis: 13/2019/NĐ-CP or 268/2025/NĐ-CP (default: the one in force on the issue date).") var basis: String?
        @Option(help: "An S&T result the certificate relies on (patent, software copyright…); repeat for several.") var result: [String] = []
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
            abstract: "Record an amendment (sửa đổi, bổ sung) or, with --reissue, a re-issue (cấp lại) of a certificate.")

        @Argument(help: "Certificate number.") var number: String
        @Option(help: "Date of the amendment, YYYY-MM-DD.") var on: DateArgument
        @Option(help: "What changed, as the decision says.") var description: String
        @Flag(help: "A re-issue (cấp lại) rather than an amendment.") var reissue = false
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
        static let configuration = CommandConfiguration(abstract: "Revoke (thu hồi) or, with --invalidate, invalidate (hủy bỏ hiệu lực) a certificate.")

        @Argument(help: "Certificate number.") var number: String
        @Option(help: "Date the decision takes effect, YYYY-MM-DD.") var on: DateArgument
        @Flag(help: "Invalidation (hủy bỏ hiệu lực) rather than revocation.") var invalidate = false
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
        static let configuration = CommandConfiguration(abstract: "Certificates; with --as-of, those in force on that day.")

        @Option(help: "Only this enterprise's certificates.") var taxCode: String?
        @Option(help: "In force on this day, YYYY-MM-DD.") var asOf: DateArgument?
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
