import Postgres
import Registry

/// A fresh migrated database with an open registry session of a clerk login of 08 (over
/// SCRAM, never the superuser: contract §9), dropped afterwards.
public func withRegistry(today: CivilDate? = nil, _ body: (RegistrySession) throws -> Void) throws {
    try withRegistry(as: .clerk, today: today, body)
}

/// The same on a database of its own as the maintenance superuser, which no policy binds: for
/// tests of what the schema itself refuses (a foreign key, a CHECK) whatever the login.
public func withSchema(_ body: (RegistrySession) throws -> Void) throws {
    let database = try TestDatabase.create()
    defer { database.drop() }
    try body(try RegistrySession(connection: try database.connect()))
}

public extension CivilDate {
    /// `"2024-05-01".date` for test tables; crashes on a typo, which is what a test wants.
    init(_ iso: String) { self = CivilDate(iso: iso)! }
}

public let testClerk = ChangeContext(actor: "Nguyễn Thị Lan", reason: "kiểm thử", legalRef: "1/QĐ-SKHCN")

/// Registers an enterprise (established 2015-01-01 unless said otherwise).
@discardableResult
public func register(_ code: String, _ name: String = "Công ty Mẫu", established: String = "2015-01-01", in session: RegistrySession) throws -> TaxCode {
    let taxCode = try TaxCode(parsing: code)
    _ = try EnterpriseRegister(session).add(taxCode, EnterpriseFields(name: name, establishedOn: CivilDate(established)), context: testClerk)
    return taxCode
}
