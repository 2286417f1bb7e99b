/// The §6 summary of an import: the file's dialect, the counts, and every problem by line.
/// It also remembers which physical lines were rejected, so that `--rejects` can copy their
/// original bytes (contract §6) however many lines a quoted cell spans.
public struct ImportReport: Sendable {
    public var valid = true
    public var dryRun = false
    public var batch: Int?
    /// nil when it could not be told (the `encoding-error` says which flag to give).
    public var encoding: SourceEncoding? = .utf8
    public var delimiter: UInt8 = 0x2C
    public var bom = false
    public var rows = 0
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0
    public var rejected = 0
    /// The first problems found (all of them up to `ImportReport.errorLimit`).
    public var errors: [ImportProblem] = []
    /// Problems beyond the ones listed (`errors_omitted`, contract §6).
    public var moreErrors = 0
    /// True when the good rows were loaded (or, in a dry run, would be).
    public var loaded = false
    /// First line → last line of each rejected record (a quoted cell may span lines).
    var rejectedLines: [Int: Int] = [:]
    /// A large first load set its table's search indexes aside: they are built once it has
    /// committed (`SearchIndexes.buildSetAside`).
    var searchIndexesSetAside = false

    public static let errorLimit = 1000

    /// 0 when loaded (also a `--max-errors` import within its limit), else 65; a dry run exits
    /// as the import it stands for would (contract §3).
    public var exitCode: Int32 { loaded ? 0 : 65 }

    mutating func add(_ problem: ImportProblem) {
        if errors.count < ImportReport.errorLimit { errors.append(problem) } else { moreErrors += 1 }
    }

    var problemCount: Int { errors.count + moreErrors }

    /// Marks the record that starts on `line` (and ends on `endLine`) as not loaded.
    mutating func reject(line: Int, endLine: Int) { rejectedLines[line] = endLine }

    /// More bad rows than `--max-errors` allows: the file is refused as a whole (contract §6).
    func exceeds(maxErrors: Int?) -> Bool {
        !rejectedLines.isEmpty && rejectedLines.count > (maxErrors ?? 0)
    }

    /// A problem that stops the whole import: nothing is loaded and no batch is recorded.
    mutating func refuse(_ problem: ImportProblem) {
        valid = false
        loaded = false
        batch = nil
        add(problem)
    }

    /// The report as the clerk reads it. Problems are found phase by phase (parsing, then
    /// registry checks, then the upsert); a clerk fixes the file top to bottom, so they are
    /// listed by line (whole-file problems first).
    func finished() -> ImportReport {
        var report = self
        if report.rejected == 0 { report.rejected = rejectedLines.count }
        if !report.loaded { report.batch = nil }
        report.errors = report.errors.enumerated()
            .sorted { ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset) }.map(\.element)
        return report
    }
}
