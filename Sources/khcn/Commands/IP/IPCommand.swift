import ArgumentParser
import Registry

struct IPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ip", abstract: "Inventions and utility solutions (sáng chế, giải pháp hữu ích).",
        subcommands: [Add.self, Record.self, Show.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register an application.")

        @Option(help: "invention or utility-solution.") var kind: IPKind
        @Option(help: "T-YYYY-NNNNN (1 invention, 2 utility solution).") var applicationNumber: String
        @Option(help: "Filing date, YYYY-MM-DD.") var filed: DateArgument
        @Option(help: "Title of the invention or solution.") var title: String
        @Option(help: "Applicant: a registered enterprise.") var applicantTaxCode: String?
        @Option(help: "Applicant: an organisation or person, as named.") var applicantName: String?
        @Option(help: "IPC symbol, e.g. A01G 9/14; repeat for several.") var ipc: [String] = []
        @Option(help: "Priority date claimed, YYYY-MM-DD (time limits count from it).") var priority: DateArgument?
        @OptionGroup var write: WriteOptions
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if applicantTaxCode == nil && applicantName == nil {
                throw ValidationError("Give --applicant-tax-code or --applicant-name")
            }
        }

        func run() throws {
            let out = global.printer
            let number = try ApplicationNumber(parsing: applicationNumber)
            let filed = try filed.date(field: "filed_on")
            let applicant = try applicantTaxCode.map { code throws(RegistryError) in try TaxCode.argument(code, field: "applicant_tax_code") }
            let context = try write.context()
            let session = try global.openRegistry()
            let (record, warnings) = try IPRegister(session).add(
                kind: kind, number: number, filed: filed, title: title, applicantTaxCode: applicant,
                applicantName: applicantName, ipc: ipc, priority: try priority?.date(field: "priority_on"), context: context)
            out.written(record, warnings: warnings, done: out.text("Đã ghi đơn \(number).", "Registered application \(number)."))
        }
    }

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a dated event of an application's life.")

        @Argument(help: "Application number.") var number: String
        @Option(help: "published, examination-requested, granted, refused, withdrawn, lapsed, invalidated, restored, checked or fee-paid.") var event: IPEvent
        @Option(help: "Date of the event, YYYY-MM-DD.") var on: DateArgument
        @Option(help: "Grant number (with --event granted), e.g. 1-0026606.") var grantNumber: String?
        @Option(help: "Validity year whose maintenance fee was paid (with --event fee-paid); repeat for several.") var year: [Int] = []
        @OptionGroup var write: WriteOptions
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if event == .granted && grantNumber == nil { throw ValidationError("--event granted needs --grant-number") }
            if event != .granted && grantNumber != nil { throw ValidationError("--grant-number goes only with --event granted") }
            if event == .feePaid && year.isEmpty { throw ValidationError("--event fee-paid needs --year (repeat it for several years)") }
            if event != .feePaid && !year.isEmpty { throw ValidationError("--year goes only with --event fee-paid") }
        }

        func run() throws {
            let out = global.printer
            let number = try ApplicationNumber(parsing: number)
            let date = try on.date(field: "on")
            let context = try write.context()
            let session = try global.openRegistry()
            let (record, warnings) = event == .feePaid
                ? try IPRegister(session).payFees(number: number, years: year, on: date, context: context)
                : try IPRegister(session).record(number: number, event: event, on: date, grantNumber: grantNumber, context: context)
            out.written(record, warnings: warnings, done: out.text(
                "Đã ghi “\(out.eventWord(event.rawValue))” ngày \(out.date(date)) cho đơn \(number).",
                "Recorded “\(out.eventWord(event.rawValue))” on \(out.date(date)) for application \(number)."))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "An application with its events, derived status and expiry.")

        @Argument(help: "Application number.") var number: String
        @Option(help: "Status on this day, YYYY-MM-DD (default today).") var asOf: DateArgument?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let out = global.printer
            let number = try ApplicationNumber(parsing: number)
            let day = try asOf?.date(field: "as_of")
            let session = try global.openRegistry()
            out.show(try IPRegister(session).find(number, asOf: day))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Applications with their status; with --as-of, those filed by then, with their status then.")

        @Option(help: "invention or utility-solution.") var kind: IPKind?
        @Option(help: "filed, published, under_examination, granted, refused, withdrawn, lapsed, expired or invalidated.") var status: IPStatusArgument?
        @Option(help: "Status on this day, YYYY-MM-DD.") var asOf: DateArgument?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let out = global.printer
            let day = try asOf?.date(field: "as_of")
            let session = try global.openRegistry()
            try out.list(kind: .ip, empty: ("Không có đơn nào.", "No application.")) { body throws(RegistryError) in
                try IPRegister(session).each(kind: kind, status: status?.rawValue, asOf: day, body)
            }
        }
    }
}

enum IPStatusArgument: String, ExpressibleByArgument, CaseIterable {
    case filed, published, under_examination, granted, refused, withdrawn, lapsed, expired, invalidated
}

extension IPKind: ExpressibleByArgument {}
extension IPEvent: ExpressibleByArgument {}
