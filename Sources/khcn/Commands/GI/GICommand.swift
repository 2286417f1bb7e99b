import ArgumentParser
import Registry

struct GICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gi", abstract: "Geographical indications (chỉ dẫn địa lý).",
        subcommands: [Add.self, Cancel.self, Show.self, List.self, SetManager.self, Authorize.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register a GI protection certificate.")

        @Option(help: "Certificate number (stored zero-padded to 5 digits: 86 → 00086).") var certificateNumber: String
        @Option(help: "Name of the geographical indication.") var name: String
        @Option(help: "The product it protects.") var product: String
        @Option(help: "Grant date, YYYY-MM-DD.") var granted: DateArgument
        @Option(help: "IP Office decision, e.g. 1234/QĐ-SHTT.") var decision: String?
        @Option(help: "Managing organisation as written on the certificate.") var managingOrg: String?
        @Option(help: "Geographical area.") var area: String?
        @Option(help: "Application number, 6-YYYY-NNNNN.") var applicationNumber: String?
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
            out.written(record, done: out.text("Đã ghi chỉ dẫn địa lý “\(name)”.", "Registered the geographical indication “\(name)”."))
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record the cancellation of a GI certificate.")

        @Argument(help: "Certificate number.") var number: String
        @Option(help: "Date the cancellation takes effect, YYYY-MM-DD.") var on: DateArgument
        @OptionGroup var write: WriteOptions
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let out = global.printer
            let date = try on.date(field: "on")
            let context = try write.context()
            let session = try global.openRegistry()
            let record = try GIRegister(session).cancel(number: number, on: date, context: context)
            out.written(record, done: out.text("Đã ghi chấm dứt văn bằng \(number) từ \(out.date(date)).", "Cancelled certificate \(number) from \(out.date(date))."))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A GI certificate with its managing organisations and authorised users.")

        @Argument(help: "Certificate number.") var number: String
        @Option(help: "Who managed it and who was authorised on this day, YYYY-MM-DD.") var asOf: DateArgument?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let out = global.printer
            let day = try asOf?.date(field: "as_of")
            let session = try global.openRegistry()
            out.show(try GIRegister(session).findWithHistory(number, asOf: day))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "GI certificates; with --as-of, those in force on that day.")

        @Option(help: "In force on this day, YYYY-MM-DD.") var asOf: DateArgument?
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
