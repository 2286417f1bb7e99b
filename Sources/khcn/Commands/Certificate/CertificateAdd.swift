import ArgumentParser
import Registry

extension CertificateCommand {
    struct Add: WritingCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: words("Ghi một giấy chứng nhận đã cấp.", "Register an issued certificate."))

        @OptionGroup var enterprise: EnterpriseKey
        @Option(help: .vi("Số giấy chứng nhận như in trên giấy.", en: "Certificate number as printed.")) var number: String
        @Option(help: .vi("Ngày cấp, dạng YYYY-MM-DD.", en: "Issue date, YYYY-MM-DD.")) var issued: DateArgument
        @Option(help: .vi("Cơ quan cấp (không bắt buộc).", en: "Issuing body (default: none recorded).")) var issuer: String?
        @Option(help: .vi("Căn cứ: 13/2019/NĐ-CP hoặc 268/2025/NĐ-CP (mặc định: văn bản có hiệu lực vào ngày cấp).", en: "Legal basis: 13/2019/NĐ-CP or 268/2025/NĐ-CP (default: the one in force on the issue date).")) var basis: String?
        @Option(help: .vi("Kết quả KH&CN làm căn cứ cấp (bằng sáng chế, quyền tác giả phần mềm…); nhắc lại cho nhiều kết quả.", en: "An S&T result the certificate relies on (patent, software copyright…); repeat for several.")) var result: [String] = []
        @OptionGroup var write: WriteOptions

        func run() throws {
            let taxCode = try enterprise.code
            let issued = try issued.date(field: "issued_on")
            let (out, session, context) = try openForWriting()
            let (record, warnings) = try CertificateRegister(session).add(
                number: number, taxCode: taxCode, issued: issued, issuer: issuer, basis: basis, results: result, context: context)
            out.written(record, warnings: warnings, done: out.text("Đã ghi giấy chứng nhận \(number).", "Registered certificate \(number)."))
        }
    }
}
