import Postgres

/// Loads a spreadsheet into the registry (contract §6). The data goes one way through the
/// phases, each its own type: read and decode (`SourceReader`), stage with COPY while each
/// row is checked in Swift (`ImportStaging`, `RowDecoder`, `RowRules`), check what needs the
/// registry in SQL (`RegistryChecks`), upsert by natural key (`ImportUpsert`), and report
/// (`ImportReport`). All of it runs in one `RegistrySession.write`, the transaction helper of
/// every other write: it records the batch and audits every change, all or nothing unless
/// `maxErrors` allows; a dry run, or a file refused for its rows, rolls back.
public struct Importer {
    let session: RegistrySession

    public init(_ session: RegistrySession) { self.session = session }

    public func run(
        _ kind: RecordKind, path: String, options: ImportOptions, context: ChangeContext,
        progress: ((_ done: Int, _ total: Int?) -> Void)? = nil, phase: ((ImportPhase) -> Void)? = nil
    ) throws(RegistryError) -> ImportReport {
        try session.require(.importBatches)
        let context = try session.auditContext(context)
        let trace = PhaseTrace()
        defer { trace.mark("done") }
        var report = ImportReport()
        report.dryRun = options.dryRun
        // Contract §6: every output is opened before the database is touched (66, nothing changed).
        var rejects: OutputFile?
        if let rejectsPath = options.rejectsPath { rejects = try OutputFile(path: rejectsPath, field: "rejects") }
        defer { rejects?.discardIfUnwritten() }
        let reader: SourceReader
        do {
            reader = try SourceReader(path: path, encoding: options.encoding, keepCopy: rejects != nil)
        } catch where error.kind == .inputFile {
            throw error
        } catch {
            report.valid = false
            report.add(ImportProblem(ImportProblem.Kind(rawValue: error.type) ?? .encoding, line: error.type == "header-error" ? 1 : nil,
                                     field: error.field, value: error.value, vi: error.vietnamese, en: error.english))
            if error.type == ImportProblem.Kind.encoding.rawValue {
                // The dialect line must not claim UTF-8; the delimiter is there in the raw bytes.
                report.encoding = nil
                report.delimiter = options.delimiter ?? EncodingDetector.delimiter(ofFileAt: path)
            }
            return report
        }
        if let rejects, rejects.identity == reader.identity {
            throw RegistryError(.inputFile, type: "file-error", field: "rejects", value: rejects.path,
                                vi: "--rejects \(rejects.path) là chính tệp đang nhập: hãy chọn tệp khác.",
                                en: "--rejects \(rejects.path) is the file being imported: choose another file.")
        }
        report.encoding = reader.detected.encoding
        report.bom = reader.detected.bom

        let load = ImportLoad(session: session, kind: kind, options: options, reader: reader, actor: context.actor,
                              trace: trace, progress: progress, phase: phase)
        let started = report
        report = try session.write(context, right: .importBatches, deciding: { () throws -> TransactionEnding<ImportReport> in
            var report = started
            do {
                return try load.run(&report) ? .commit(report) : .rollBack(report)
            } catch let problem as ImportProblem {
                report.refuse(problem)
                return .rollBack(report)
            }
        }).finished()
        if report.loaded && !report.dryRun && report.searchIndexesSetAside {
            // Contract §8: every index is in place when the import returns.
            phase?(.indexing)
            do {
                try SearchIndexes(connection: session.connection, table: UpsertSQL.spec(kind).table).buildSetAside()
            } catch let error as PostgresError {
                throw RegistryError.searchIndexesNotBuilt(batch: report.batch, error)
            } catch {
                try translating { throw error }
            }
            trace.mark("indexes built")
        }
        if let rejects, let source = reader.replayPath {
            try RejectsWriter.write(source: source, detected: reader.detected,
                                    lines: report.rejectedLines.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, to: rejects)
        }
        return report
    }
}

/// The phases of one import inside its transaction, in the order the data goes through them.
struct ImportLoad {
    let session: RegistrySession
    let kind: RecordKind
    let options: ImportOptions
    let reader: SourceReader
    /// Who the batch row names (the audit context's actor).
    let actor: String
    let trace: PhaseTrace
    let progress: ((Int, Int?) -> Void)?
    let phase: ((ImportPhase) -> Void)?

    /// Runs every phase; true when the transaction should be committed (the rows loaded).
    func run(_ report: inout ImportReport) throws -> Bool {
        phase?(.reading)
        let columns = ImportColumns.columns(kind)
        let keys = StagedKeys(kind, columns: columns)
        let staging = ImportStaging(connection: session.connection, kind: kind, columns: columns,
                                    options: options, today: session.today.description, keys: keys)
        let readable = try staging.load(reader, into: &report, progress: progress)
        trace.mark("parse+copy")
        guard readable else { return false }
        phase?(.checking)
        let staged = report.rows - report.rejectedLines.count
        try RegistryChecks(session: session, kind: kind).run(into: &report, keysMayRepeat: keys.mayRepeat, staged: staged)
        trace.mark("checks")
        if report.exceeds(maxErrors: options.maxErrors) {
            report.valid = false
            return false
        }
        if options.dryRun && staged > ImportUpsert.rowByRowLimit {
            // A large dry run stops after every row and set-based check: running the upsert
            // only to roll it back would cost as much as the import itself.
            report.valid = report.problemCount == 0
            report.loaded = true   // within --max-errors (checked above): the import would load
            try DryRunEstimate(session: session, kind: kind).count(staged: report.rows - report.rejectedLines.count, into: &report)
            return false
        }
        phase?(.writing)
        let batches = ImportBatches(session)
        if !options.dryRun {
            let batch = try batches.open(kind, reader: reader, report: report, actor: actor)
            report.batch = batch
        }
        let upsert = ImportUpsert(session: session, kind: kind)
        try upsert.run(into: &report)
        trace.mark("upsert")
        if report.exceeds(maxErrors: options.maxErrors) {
            report.valid = false
            return false
        }
        if kind == .ip { try upsert.countTouchedApplications(into: &report) }
        report.rejected = report.rejectedLines.count
        report.unchanged = report.rows - report.rejected - report.inserted - report.updated
        report.valid = report.problemCount == 0
        // A dry run reports that the import would load these rows (bad ones within
        // --max-errors): the same exit code (contract §3), nothing kept.
        report.loaded = true
        guard let batch = report.batch, !options.dryRun else { return false }
        try batches.close(batch, report: report)
        trace.mark("counts")
        return true
    }
}
