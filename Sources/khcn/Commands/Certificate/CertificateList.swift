import ArgumentParser
import Registry

/// `khcn certificate list [--tax-code MST] [--as-of DATE]`: a `RecordList` of the certificate
/// register, with its words.
extension CertificateCommand {
    typealias List = RecordList<CertificateRegister>
}

extension CertificateRegister: ListedByEnterprise {
    static let listWords = ListWords(
        kind: .certificate,
        abstract: words("Danh sách giấy chứng nhận; với --as-of: các giấy còn hiệu lực ngày đó.", "Certificates; with --as-of, those in force on that day."),
        taxCode: .vi("Chỉ giấy chứng nhận của doanh nghiệp này (mã số thuế).", en: "Only this enterprise's certificates."),
        asOf: .vi("Còn hiệu lực tại ngày này, dạng YYYY-MM-DD.", en: "In force on this day, YYYY-MM-DD."),
        empty: ("Không có giấy chứng nhận nào.", "No certificate."))
}
