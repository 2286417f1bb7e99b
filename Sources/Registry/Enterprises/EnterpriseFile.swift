/// An enterprise's whole file: its record and everything that hangs off it, as `enterprise
/// show` prints it (contract §2: `certificates`, `funds`, `ip_applications`).
public struct EnterpriseFile: Sendable {
    public let enterprise: Enterprise
    public let certificates: [CanonicalRecord]
    public let funds: [CanonicalRecord]
    public let ipApplications: [CanonicalRecord]
}

extension EnterpriseRegister {
    public func file(_ taxCode: TaxCode) throws(RegistryError) -> EnterpriseFile {
        let enterprise = try find(taxCode)
        return EnterpriseFile(
            enterprise: enterprise,
            certificates: try CertificateRegister(session).list(taxCode: taxCode),
            funds: try FundRegister(session).list(taxCode: taxCode),
            ipApplications: try IPRegister(session).list(applicant: taxCode))
    }
}
