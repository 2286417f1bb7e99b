import ArgumentParser
import Registry

/// A command that works on one province's registry: `global` holds the options of contract
/// §2, and `open()` is the one way such a command starts (the printer `--lang` and `--json`
/// chose, and the registry, opened and checked to be migrated).
protocol RegistryCommand: ParsableCommand {
    var global: GlobalOptions { get }
}

extension RegistryCommand {
    /// The printer, and the registry: a refused connection is 69 and an old schema 69
    /// (contract §3), both before anything is read.
    func open() throws(RegistryError) -> (Printer, RegistrySession) {
        (global.printer, try global.openRegistry())
    }
}

extension RegistryCommand {
    /// The same for a command that only reads: from `KHCN_READ_URL` when set (contract §11).
    func openForReading() throws(RegistryError) -> (Printer, RegistrySession) {
        (global.printer, try global.openRegistryForReading())
    }

    /// The same, with the `--as-of` day read first: a day not in the calendar is 65 before
    /// anything connects (contract §3); nil when the option is not given.
    func openForReading(asOf: DateArgument?) throws(RegistryError) -> (Printer, RegistrySession, CivilDate?) {
        let day = try asOf?.date(field: "as_of")
        let (out, session) = try openForReading()
        return (out, session, day)
    }

    /// `province list`, `user list`, `targets list`, `import list`: reads a list whole (for
    /// reading, contract §11) and prints it as `Printer.list` does, `json` and `table` being the
    /// printer's words for one item and for the table.
    func printList<Item>(_ read: (RegistrySession) throws -> [Item], json: (Printer) -> (Item) -> JSON, table: (Printer) -> ([Item]) -> String) throws {
        let (out, session) = try openForReading()
        out.list(try read(session), json: json(out), table: table(out))
    }

}

/// `db migrate`, `db status`: a command on a schema that may be old or new, so it connects
/// without the check that every other command makes first (`open()`: an old schema is 69).
protocol SchemaCommand: RegistryCommand {
    func run(_ out: Printer, on session: RegistrySession) throws
}

extension SchemaCommand {
    func run() throws {
        try run(global.printer, on: try global.connect())
    }
}

/// A command that changes the registry: who changes it and why come with it (contract §2),
/// through `write`.
protocol WritingCommand: RegistryCommand {
    associatedtype Change: ChangeOptions
    var write: Change { get }
}

extension WritingCommand {
    /// The options of §2 come in the write options' group (one group a writing command).
    var global: GlobalOptions { write.global }

    /// Who and why are checked before anything else is tried (a bad `--actor` is 65 even with
    /// no database), then the registry is opened as `open()` does.
    func openForWriting() throws(RegistryError) -> (Printer, RegistrySession, ChangeContext) {
        let context = try write.context()
        return (global.printer, try global.openRegistry(), context)
    }

    /// The same for a dated step (`--on DATE`, contract §5): the day is read first, so a day not
    /// in the calendar is 65 before who and why are checked and before anything connects.
    func openForWriting(on day: DateArgument) throws(RegistryError) -> (Printer, RegistrySession, ChangeContext, CivilDate) {
        let date = try day.date(field: "on")
        let (out, session, context) = try openForWriting()
        return (out, session, context, date)
    }
}

/// Hands each record of a list to the printer, from the registry as it stood on a day (nil:
/// every record, today's state), with the enterprise's name when the printer's table shows it
/// (a join `--json` need not pay for: contract §8).
typealias RecordLister = (RegistrySession, CivilDate?, Bool, (CanonicalRecord) throws -> Void) throws(RegistryError) -> Void

/// `certificate list`, `fund list`, `ip list`, `gi list`: a register's records, streamed
/// (contract §8), optionally as they stood `--as-of` a day. Each command says only which
/// register and which filters; the scaffolding is here.
protocol RecordListCommand: RegistryCommand {
    static var kind: RecordKind { get }
    /// What an empty list says, Vietnamese and English.
    static var empty: (String, String) { get }
    var asOf: DateArgument? { get }
    /// Reads the command's own filters (a bad tax code is 65, before the date and before
    /// connecting) and returns what lists the records.
    func lister() throws(RegistryError) -> RecordLister
}

extension RecordListCommand {
    func run() throws {
        let records = try lister()
        let (out, session, day) = try openForReading(asOf: asOf)
        try out.list(kind: Self.kind, empty: Self.empty) { named, body throws(RegistryError) in try records(session, day, named, body) }
    }
}
