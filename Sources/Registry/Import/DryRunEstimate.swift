import Postgres

/// A large dry run's counts in one set-based pass, nothing written: new keys are inserts,
/// existing keys are updates where a staged value differs from the stored one, unchanged
/// otherwise. Running the upsert only to roll it back would cost as much as the import itself
/// (contract §6: `--dry-run` answers what the import would do, quickly).
struct DryRunEstimate {
    let session: RegistrySession
    let kind: RecordKind

    /// `staged`: the rows staged and not rejected, all of them joined to the table.
    func count(staged: Int, into report: inout ImportReport) throws {
        try ImportUpsert.holdWholeFileInMemory(session.connection, staged: staged)
        let counts = try session.connection.query(UpsertSQL.spec(kind).existingAndChanged(in: session.province)).first
        let existing = try counts?.decode("existing", as: Int.self) ?? 0
        report.rejected = report.rejectedLines.count
        report.inserted = report.rows - report.rejected - existing
        report.updated = try counts?.decode("changed", as: Int.self) ?? 0
        report.unchanged = existing - report.updated
    }
}
