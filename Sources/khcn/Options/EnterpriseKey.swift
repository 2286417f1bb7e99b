import ArgumentParser
import Registry

/// `--tax-code MST`: the enterprise a record belongs to. The code is read by `TaxCode` when the
/// command runs, so a malformed one is a rule violation (65, contract §3), not a usage error,
/// and it is refused before anything connects.
struct EnterpriseKey: ParsableArguments {
    @Option(help: .enterpriseTaxCode) var taxCode: String

    /// The tax code (field `tax_code`).
    var code: TaxCode { get throws(RegistryError) { try TaxCode.argument(taxCode) } }
}

/// `MST` named first, as in `enterprise show MST`: the enterprise the command is about, read
/// as `EnterpriseKey` reads it.
struct EnterpriseArgument: ParsableArguments {
    @Argument(help: .enterpriseTaxCode) var taxCode: String

    /// The tax code (field `tax_code`).
    var code: TaxCode { get throws(RegistryError) { try TaxCode.argument(taxCode) } }
}
