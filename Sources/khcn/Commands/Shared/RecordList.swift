import ArgumentParser
import Registry

/// A register whose records belong to an enterprise and are in force from one day to another
/// (certificates, funds): listed by `RecordList`, whose words it carries.
protocol ListedByEnterprise {
    init(_ session: RegistrySession)
    func each(taxCode: TaxCode?, asOf: CivilDate?, named: Bool, _ body: (CanonicalRecord) throws -> Void) throws(RegistryError)
    static var listWords: ListWords { get }
}

/// What a list by enterprise and day says: its abstract, the help of its two options, and what
/// an empty list prints (Vietnamese, English).
struct ListWords {
    let kind: RecordKind
    let abstract: String
    let taxCode: ArgumentHelp
    let asOf: ArgumentHelp
    let empty: (String, String)
}

/// `certificate list`, `fund list` (contract §5): one command, "the records of a kind, of one
/// enterprise or all, on a day or today"; only the register and its words differ.
struct RecordList<Register: ListedByEnterprise>: RecordListCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "list", abstract: Register.listWords.abstract)
    }

    @Option(help: Register.listWords.taxCode) var taxCode: String?
    @Option(help: Register.listWords.asOf) var asOf: DateArgument?
    @OptionGroup var global: GlobalOptions

    static var kind: RecordKind { Register.listWords.kind }
    static var empty: (String, String) { Register.listWords.empty }

    func lister() throws(RegistryError) -> RecordLister {
        let taxCode = try TaxCode.argument(ifGiven: taxCode)
        return { session, day, named, body throws(RegistryError) in try Register(session).each(taxCode: taxCode, asOf: day, named: named, body) }
    }
}
