import ArgumentParser
import Registry

extension TargetsCommand {
    struct Record: WritingCommand {
        static let configuration = CommandConfiguration(commandName: "record", abstract: words("Ghi số liệu có ngày của một chỉ tiêu không tính được từ sổ đăng ký.", "A dated observation of a target the registry cannot count."))

        @Argument(help: .vi("Mã chỉ tiêu (xem khcn targets list).", en: "Target code (khcn targets list).")) var code: String
        /// One value; `.allUnrecognized` so that a negative value (`-3`) arrives here and meets
        /// the target's rule, instead of reading as an unknown option and a missing argument.
        @Argument(parsing: .allUnrecognized, help: .vi("Giá trị, theo đơn vị của chỉ tiêu (ví dụ 0,85 hoặc 0.85 cho 0,85%).", en: "The value, in the target's unit (e.g. 0,85 or 0.85 for 0.85%)."))
        var value: [String] = []
        @Option(help: .vi("Ngày của số liệu, dạng YYYY-MM-DD.", en: "Date of the observation, YYYY-MM-DD.")) var on: DateArgument
        @Option(help: .vi("Nguồn số liệu.", en: "Where the figure comes from.")) var source: String?
        @OptionGroup var write: WriteOptions

        /// The one value, decimal comma or point (issue 12); a negative one goes on to the
        /// target's rule, which refuses it (65) saying why. Anything else is a usage error (64).
        func requireValue() throws(RegistryError) -> Double {
            guard value.count == 1, let number = TargetValue(argument: value[0]) else {
                let stray = value.first { TargetValue(argument: $0) == nil } ?? value.dropFirst().first
                let shape = ("khcn targets record MÃ GIÁ_TRỊ --on NGÀY (ví dụ 0,85 cho 0,85 %)",
                             "khcn targets record CODE VALUE --on DATE (e.g. 0.85 for 0.85%)")
                throw RegistryError(
                    .usage, type: "usage-error", field: "value", value: stray,
                    vi: stray.map { "Không hiểu “\($0)”: cần đúng một giá trị là số, \(shape.0)." } ?? "Thiếu giá trị: \(shape.0).",
                    en: stray.map { "Cannot read “\($0)”: give exactly one number, \(shape.1)." } ?? "The value is missing: \(shape.1).")
            }
            return number.number
        }

        func run() throws {
            let value = try requireValue()
            let (out, session, context, date) = try openForWriting(on: on)
            try Targets(session).record(code, value: value, on: date, source: source, context: context)
            let progress = try PlanProgress(session).on(session.today, only: code)
            if out.json, let first = progress.first {
                out.emit(out.json(first, details: false).adding("warnings", .array([])))
            } else {
                out.say(out.text("Đã ghi \(code) = \(out.number(value)) ngày \(out.date(date)).", "Recorded \(code) = \(out.number(value)) on \(out.date(date))."))
            }
        }
    }
}
