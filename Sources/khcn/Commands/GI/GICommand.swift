import ArgumentParser
import Registry

struct GICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gi", abstract: words("Chỉ dẫn địa lý: văn bằng bảo hộ.", "Geographical indications (chỉ dẫn địa lý)."),
        subcommands: [Add.self, Cancel.self, Show.self, List.self, SetManager.self, Authorize.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: words("Ghi một văn bằng bảo hộ chỉ dẫn địa lý.", "Register a GI protection certificate."))

        @Option(help: .vi("Số văn bằng (lưu đủ 5 chữ số: 86 → 00086).", en: "Certificate number (stored zero-padded to 5 digits: 86 → 00086).")) var certificateNumber: String
        @Option(help: .vi("Tên chỉ dẫn địa lý.", en: "Name of the geographical indication.")) var name: String
        @Option(help: .vi("Sản phẩm được bảo hộ.", en: "The product it protects.")) var product: String
        @Option(help: .vi("Ngày cấp, dạng YYYY-MM-DD.", en: "Grant date, YYYY-MM-DD.")) var granted: DateArgument
        @Option(help: .vi("Quyết định của Cục SHTT, ví dụ 1234/QĐ-SHTT.", en: "IP Office decision, e.g. 1234/QĐ-SHTT.")) var decision: String?
        @Option(help: .vi("Tổ chức quản lý như ghi trên văn bằng.", en: "Managing organisation as written on the certificate.")) var managingOrg: String?
        @Option(help: .vi("Khu vực địa lý.", en: "Geographical area.")) var area: String?
        @Option(help: .vi("Số đơn, dạng 6-YYYY-NNNNN.", en: "Application number, 6-YYYY-NNNNN.")) var applicationNumber: String?
        @OptionGroup var write: WriteOptions
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let out = global.printer
            let granted = try granted.date(field: "granted_on")
            let context = try write.context()
            let session = try global.openRegistry()
            let record = try GIRegister(session).add(
                number: certificateNumber, name: name, product: product, granted: granted, decision: decision,
                managingOrg: managingOrg, area: area, applicationNumber: applicationNumber, context: context)
            out.written(record, done: out.text("Đã ghi chỉ dẫn địa lý “\(CleanText.collapsingSpaces(name))”.", "Registered the geographical indication “\(CleanText.collapsingSpaces(name))”."))
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: words("Ghi việc chấm dứt hiệu lực văn bằng chỉ dẫn địa lý.", "Record the cancellation of a GI certificate."))

        @Argument(help: .vi("Số văn bằng / giấy chứng nhận.", en: "Certificate number.")) var number: String
        @Option(help: .vi("Ngày chấm dứt có hiệu lực, dạng YYYY-MM-DD.", en: "Date the cancellation takes effect, YYYY-MM-DD.")) var on: DateArgument
        @OptionGroup var write: WriteOptions
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let out = global.printer
            let date = try on.date(field: "on")
            let context = try write.context()
            let session = try global.openRegistry()
            let record = try GIRegister(session).cancel(number: number, on: date, context: context)
            let number = try GIRegister.certificateNumber(number)   // as stored: 86 → 00086 (contract §4)
            out.written(record, done: out.text("Đã ghi chấm dứt văn bằng \(number) từ \(out.date(date)).", "Cancelled certificate \(number) from \(out.date(date))."))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: words("Một văn bằng chỉ dẫn địa lý, với các tổ chức quản lý và doanh nghiệp được phép sử dụng.", "A GI certificate with its managing organisations and authorised users."))

        @Argument(help: .vi("Số văn bằng / giấy chứng nhận.", en: "Certificate number.")) var number: String
        @Option(help: .vi("Ai quản lý và ai được phép sử dụng vào ngày này, dạng YYYY-MM-DD.", en: "Who managed it and who was authorised on this day, YYYY-MM-DD.")) var asOf: DateArgument?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let out = global.printer
            let day = try asOf?.date(field: "as_of")
            let session = try global.openRegistry()
            out.show(try GIRegister(session).findWithHistory(number, asOf: day))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: words("Danh sách văn bằng chỉ dẫn địa lý; với --as-of: các văn bằng còn hiệu lực ngày đó.", "GI certificates; with --as-of, those in force on that day."))

        @Option(help: .vi("Còn hiệu lực tại ngày này, dạng YYYY-MM-DD.", en: "In force on this day, YYYY-MM-DD.")) var asOf: DateArgument?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let out = global.printer
            let day = try asOf?.date(field: "as_of")
            let session = try global.openRegistry()
            try out.list(kind: .gi, empty: ("Không có chỉ dẫn địa lý nào.", "No geographical indication.")) { body throws(RegistryError) in
                try GIRegister(session).each(asOf: day, body)
            }
        }
    }
}
