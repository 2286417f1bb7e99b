import ArgumentParser
import Registry

extension CertificateCommand {
    struct List: RecordListCommand {
        static let configuration = CommandConfiguration(abstract: words("Danh sách giấy chứng nhận; với --as-of: các giấy còn hiệu lực ngày đó.", "Certificates; with --as-of, those in force on that day."))

        @Option(help: .vi("Chỉ giấy chứng nhận của doanh nghiệp này (mã số thuế).", en: "Only this enterprise's certificates.")) var taxCode: String?
        @Option(help: .vi("Còn hiệu lực tại ngày này, dạng YYYY-MM-DD.", en: "In force on this day, YYYY-MM-DD.")) var asOf: DateArgument?
        @OptionGroup var global: GlobalOptions

        static let kind = RecordKind.certificate
        static let empty = ("Không có giấy chứng nhận nào.", "No certificate.")

        func lister() throws(RegistryError) -> RecordLister {
            let taxCode = try TaxCode.argument(ifGiven: taxCode)
            return { session, day, body throws(RegistryError) in try CertificateRegister(session).each(taxCode: taxCode, asOf: day, body) }
        }
    }
}
