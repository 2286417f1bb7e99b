import ArgumentParser
import Registry

extension GICommand {
    /// `khcn gi set-manager NUM --org TEXT --on DATE`: a later managing organisation; the one on
    /// the certificate stays as written (contract §5).
    struct SetManager: WritingCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-manager", abstract: words("Ghi tổ chức quản lý mới của một chỉ dẫn địa lý (tổ chức ghi trên văn bằng được giữ nguyên).", "Record a later managing organisation of a GI (the certificate's stays as written)."))

        @Argument(help: .certificateNumber) var number: String
        @Option(help: .vi("Tổ chức quản lý chỉ dẫn địa lý kể từ ngày --on.", en: "The organisation that manages the GI from --on.")) var org: String
        @Option(help: .vi("Kể từ ngày này, dạng YYYY-MM-DD.", en: "From this day, YYYY-MM-DD.")) var on: DateArgument
        @Option(help: .vi("Quyết định làm căn cứ, ví dụ 12/QĐ-UBND.", en: "The decision behind it, e.g. 12/QĐ-UBND.")) var decision: String?
        @OptionGroup var write: WriteOptions

        func run() throws {
            let (out, session, context, date) = try openForWriting(on: on)
            let record = try GIRegister(session).setManager(number: number, org: org, on: date, decision: decision, context: context)
            out.written(record, done: out.text("Đã ghi tổ chức quản lý chỉ dẫn địa lý \(number) từ \(out.date(date)).",
                                               "Recorded the managing organisation of GI \(number) from \(out.date(date))."))
        }
    }
}
