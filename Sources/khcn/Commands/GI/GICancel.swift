import ArgumentParser
import Registry

extension GICommand {
    struct Cancel: WritingCommand {
        static let configuration = CommandConfiguration(commandName: "cancel", abstract: words("Ghi việc chấm dứt hiệu lực văn bằng chỉ dẫn địa lý.", "Record the cancellation of a GI certificate."))

        @Argument(help: .certificateNumber) var number: String
        @Option(help: .vi("Ngày chấm dứt có hiệu lực, dạng YYYY-MM-DD.", en: "Date the cancellation takes effect, YYYY-MM-DD.")) var on: DateArgument
        @OptionGroup var write: WriteOptions

        func run() throws {
            let (out, session, context, date) = try openForWriting(on: on)
            let record = try GIRegister(session).cancel(number: number, on: date, context: context)
            let number = try GIRegister.certificateNumber(number)   // as stored: 86 → 00086 (contract §4)
            out.written(record, done: out.text("Đã ghi chấm dứt văn bằng \(number) từ \(out.date(date)).", "Cancelled certificate \(number) from \(out.date(date))."))
        }
    }
}
