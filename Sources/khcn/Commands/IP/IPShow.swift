import ArgumentParser
import Registry

extension IPCommand {
    struct Show: RegistryCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: words("Một đơn với các sự kiện, trạng thái và ngày hết hạn bảo hộ.", "An application with its events, derived status and expiry."))

        @Argument(help: .applicationNumber) var number: String
        @Option(help: .vi("Trạng thái tại ngày này, dạng YYYY-MM-DD (mặc định hôm nay).", en: "Status on this day, YYYY-MM-DD (default today).")) var asOf: DateArgument?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let number = try ApplicationNumber(parsing: number)
            let (out, session, day) = try openForReading(asOf: asOf)
            out.show(try IPRegister(session).find(number, asOf: day))
        }
    }
}
