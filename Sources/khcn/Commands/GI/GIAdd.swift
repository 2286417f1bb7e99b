import ArgumentParser
import Registry

extension GICommand {
    struct Add: WritingCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: words("Ghi một văn bằng bảo hộ chỉ dẫn địa lý.", "Register a GI protection certificate."))

        @Option(help: .vi("Số văn bằng (lưu đủ 5 chữ số: 86 → 00086).", en: "Certificate number (stored zero-padded to 5 digits: 86 → 00086).")) var certificateNumber: String
        @Option(help: .vi("Tên chỉ dẫn địa lý.", en: "Name of the geographical indication.")) var name: String
        @Option(help: .vi("Sản phẩm được bảo hộ.", en: "The product it protects.")) var product: String
        @Option(help: .vi("Ngày cấp, dạng YYYY-MM-DD.", en: "Grant date, YYYY-MM-DD.")) var granted: DateArgument
        @Option(help: .vi("Quyết định của Cục SHTT, ví dụ 1234/QĐ-SHTT.", en: "IP Office decision, e.g. 1234/QĐ-SHTT.")) var decision: String?
        @Option(help: .vi("Tổ chức quản lý như ghi trên văn bằng.", en: "Managing organisation as written on the certificate.")) var managingOrg: String?
        @Option(help: .vi("Khu vực địa lý.", en: "Geographical area.")) var area: String?
        @Option(help: .vi("Số đơn, dạng 6-YYYY-NNNNN.", en: "Application number, 6-YYYY-NNNNN.")) var applicationNumber: String?
        @OptionGroup var write: WriteOptions

        func run() throws {
            let granted = try granted.date(field: "granted_on")
            let (out, session, context) = try openForWriting()
            let record = try GIRegister(session).add(
                number: certificateNumber, name: name, product: product, granted: granted, decision: decision,
                managingOrg: managingOrg, area: area, applicationNumber: applicationNumber, context: context)
            out.written(record, done: out.text("Đã ghi chỉ dẫn địa lý “\(CleanText.collapsingSpaces(name))”.", "Registered the geographical indication “\(CleanText.collapsingSpaces(name))”."))
        }
    }
}
