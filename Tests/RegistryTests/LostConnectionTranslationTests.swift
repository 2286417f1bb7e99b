import Postgres
import Registry
import Testing

/// A lost connection is exit 69 saying nothing was applied; a lost COMMIT says the outcome is
/// unknown; neither is reported as a bug (issue 10, item 5; contract §3).
@Suite struct LostConnectionTranslationTests {
    @Test(arguments: [
        PostgresError(kind: .connectionLost, message: "server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally"),
        PostgresError(kind: .server, message: "terminating connection due to administrator command", sqlstate: "57P01"),
        PostgresError(kind: .server, message: "the database system is shutting down", sqlstate: "57P03"),
        PostgresError(kind: .server, message: "connection failure", sqlstate: "08006"),
    ])
    func lostConnectionIsUnavailableAndNotApplied(error: PostgresError) {
        let translated = RegistryError(error)
        #expect(translated.exitCode == 69)
        #expect(translated.type == "database-unavailable")
        #expect(translated.english.contains("NOT applied"))
        #expect(translated.vietnamese.contains("KHÔNG được áp dụng"))
        #expect(!translated.english.contains("This probably means"), "libpq's first line is enough")
        #expect(translated.sqlstate == error.sqlstate, "no empty SQLSTATE")
    }

    @Test func lostCommitSaysTheOutcomeIsUnknown() {
        let translated = RegistryError(PostgresError(kind: .commitOutcomeUnknown, message: "server closed the connection unexpectedly"))
        #expect(translated.exitCode == 69)
        #expect(translated.type == "commit-outcome-unknown")
        #expect(translated.english.contains("unknown") && translated.english.contains("khcn import list"))
        #expect(translated.vietnamese.contains("khcn import list"))
    }

    @Test func aProtocolViolationIsStillABug() {
        #expect(RegistryError(PostgresError(kind: .server, message: "protocol", sqlstate: "08P01")).exitCode == 1)
    }

    /// A full disk (or memory, or connection slots) on the server is not a bug: exit 69, and
    /// the transaction was rolled back, so nothing was written.
    @Test(arguments: ["53100", "53200", "53300"])
    func aServerOutOfResourcesIsUnavailableAndNothingWritten(state: String) {
        let translated = RegistryError(PostgresError(kind: .server, message: "could not extend file: No space left on device", sqlstate: state))
        #expect(translated.exitCode == 69)
        #expect(translated.english.contains("nothing was written"))
        #expect(translated.vietnamese.contains("không có gì được ghi"))
    }
}
