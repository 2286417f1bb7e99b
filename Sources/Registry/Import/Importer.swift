import Foundation
import Postgres

/// What `khcn import` was asked to do (contract §5–6).
public struct ImportOptions: Sendable {
    public var dryRun = false
    /// nil: detect.
    public var encoding: SourceEncoding?
    /// nil: detect from the header line.
    public var delimiter: UInt8?
    public var dateOrder: DateOrder = .auto
    /// nil: one bad row rejects the file.
    public var maxErrors: Int?
    public var rejectsPath: String?

    public init() {}
}

/// The §6 summary of an import.
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

    public static let errorLimit = 1000

    /// 0 when loaded (also a `--max-errors` import within its limit), else 65; a dry run exits
    /// as the import it stands for would (contract §3).
    public var exitCode: Int32 { loaded ? 0 : 65 }

    mutating func add(_ problem: ImportProblem) {
        if errors.count < ImportReport.errorLimit { errors.append(problem) } else { moreErrors += 1 }
    }

    var problemCount: Int { errors.count + moreErrors }
}

/// Loads a spreadsheet into the registry: decode, parse and check every row, stage it with
/// COPY, check what needs the registry in SQL, then upsert by natural key in one transaction
/// that records the batch and audits every change. All or nothing unless `maxErrors` allows.
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
        let columns = ImportColumns.columns(kind)
        var rejectedRanges: [Int: Int] = [:]   // first line → last line of each bad record

        let connection = session.connection
        do {
            try connection.query("BEGIN")
            defer { _ = try? connection.query("ROLLBACK") }   // harmless after COMMIT
            phase?(.reading)
            let readable = try stage(kind, columns: columns, reader: reader, options: options, report: &report,
                                     rejected: &rejectedRanges, progress: progress)
            trace.mark("parse+copy")
            guard readable else { return try finish(report, rejectedRanges, reader, rejects) }
            phase?(.checking)
            // Statistics on the staging table let the planner join 10,000 rows to a registry
            // of a million through its indexes instead of scanning it.
            try connection.query("ANALYZE import_staging")
            let staged = report.rows - rejectedRanges.count
            try checkInRegistry(kind, report: &report, rejected: &rejectedRanges)
            trace.mark("checks")
            if !rejectedRanges.isEmpty && rejectedRanges.count > (options.maxErrors ?? 0) {
                report.valid = false
                return try finish(report, rejectedRanges, reader, rejects)
            }
            if options.dryRun && staged > Importer.rowByRowLimit {
                // A large dry run stops after every row and set-based check: running the upsert
                // only to roll it back would cost as much as the import itself.
                report.valid = report.problemCount == 0
                report.loaded = true   // within --max-errors (checked above): the import would load
                try estimateCounts(kind, report: &report, rejected: rejectedRanges)
                return try finish(report, rejectedRanges, reader, rejects)
            }
            phase?(.writing)
            if !options.dryRun {
                report.batch = Int(try connection.query(
                    """
                    INSERT INTO import_batch (province_code, kind, file_name, sha256, size, encoding, delimiter, bom, actor)
                    VALUES (\(session.province), \(kind.fileKind), \(reader.name), \(reader.sha256), \(String(reader.bytesRead)), \(reader.detected.encoding.rawValue), \(String(UnicodeScalar(report.delimiter))), \(report.bom ? "true" : "false"), \(context.actor)) RETURNING id
                    """).scalar ?? "")
            }
            var writeContext = context
            writeContext.batch = report.batch
            try connection.query(
                """
                SELECT set_config('khcn.actor', \(writeContext.actor), true), set_config('khcn.reason', \(writeContext.reason ?? ""), true),
                       set_config('khcn.legal_ref', \(writeContext.legalRef ?? ""), true), set_config('khcn.batch', \(writeContext.batch.map(String.init) ?? ""), true)
                """)
            try upsert(kind, report: &report, rejected: &rejectedRanges) { phase?(.indexing) }
            phase?(.writing)
            trace.mark("upsert")
            if !rejectedRanges.isEmpty && rejectedRanges.count > (options.maxErrors ?? 0) {
                report.valid = false
                return try finish(report, rejectedRanges, reader, rejects)
            }
            if kind == .ip {
                // An application counts once: inserted, or updated by its fields or new events.
                let counts = try connection.query("""
                    SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE updated AND NOT inserted)
                      FROM (SELECT bool_or(action = 'inserted') AS inserted, bool_or(action = 'updated') AS updated
                              FROM import_touched GROUP BY key) t
                    """).rows[0]
                report.inserted = Int(counts[0] ?? "0") ?? 0
                report.updated = Int(counts[1] ?? "0") ?? 0
            }
            report.rejected = rejectedRanges.count
            report.unchanged = report.rows - report.rejected - report.inserted - report.updated
            report.valid = report.problemCount == 0
            if options.dryRun {
                // The import would load these rows (bad ones within --max-errors): same exit code (§3).
                report.loaded = true
                return try finish(report, rejectedRanges, reader, rejects)
            }
            try connection.query(
                "UPDATE import_batch SET rows = \(String(report.rows)), inserted = \(String(report.inserted)), updated = \(String(report.updated)), unchanged = \(String(report.unchanged)), rejected = \(String(report.rejected)) WHERE id = \(String(report.batch!))")
            trace.mark("counts")
            try connection.commit()   // a connection lost here leaves the outcome unknown
            report.loaded = true
            return try finish(report, rejectedRanges, reader, rejects)
        } catch let problem as ImportProblem {
            report.valid = false
            report.loaded = false
            report.batch = nil
            report.add(problem)
            return try finish(report, rejectedRanges, reader, rejects)
        } catch let error as RegistryError {
            throw error
        } catch let error as PostgresError {
            throw RegistryError(error)
        } catch {
            throw RegistryError(.bug, type: "internal-error", vi: "Lỗi không mong đợi: \(error)", en: "Unexpected failure: \(error)")
        }
    }

    /// Writes the rejects file, if asked, and hands back the report.
    private func finish(_ report: ImportReport, _ rejected: [Int: Int], _ reader: SourceReader, _ rejects: OutputFile?) throws(RegistryError) -> ImportReport {
        var report = report
        if report.rejected == 0 { report.rejected = rejected.count }
        if !report.loaded { report.batch = nil }
        // Problems are found phase by phase (parsing, then registry checks, then the upsert);
        // a clerk fixes the file top to bottom, so they are listed by line (whole-file first).
        report.errors = report.errors.enumerated()
            .sorted { ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset) }.map(\.element)
        if let rejects, let source = reader.replayPath {
            try RejectsWriter.write(source: source, detected: reader.detected, lines: rejected.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, to: rejects)
        }
        return report
    }

    // MARK: - Staging

    /// Parses and checks every row, streaming good rows into `import_staging` with COPY.
    /// Returns false when the file cannot be read as a whole (header, quoting, encoding).
    private func stage(
        _ kind: RecordKind, columns: [ImportColumn], reader: SourceReader, options: ImportOptions,
        report: inout ImportReport, rejected: inout [Int: Int], progress: ((Int, Int?) -> Void)?
    ) throws -> Bool {
        let connection = session.connection
        let definitions = columns.map { "\($0.name) text" }.joined(separator: ", ")
        // The staging table of a large file lives in local buffers: give them room (allowed only
        // before the session's first temporary table, which this is).
        try connection.query("SET temp_buffers = '512MB'")
        try connection.query("CREATE TEMP TABLE import_staging (line integer, end_line integer, record integer, rejected boolean NOT NULL DEFAULT false, \(sql: definitions)) ON COMMIT DROP")
        try connection.query("CREATE TEMP TABLE import_touched (key text, action text) ON COMMIT DROP")

        var parser: CSVParser?
        var mapping: [Int?] = []
        var headerWidth = 0
        var fileProblem: ImportProblem?
        var output: [UInt8] = []
        output.reserveCapacity(SourceReader.chunkSize * 2)
        var rows = 0
        var localReport = report
        var localRejected = rejected
        var finished = false
        let today = session.today.description

        func handle(_ record: CSVRecord) throws {
            if record.number == 0 {
                let (map, problems) = Importer.mapHeader(record.fields, columns: columns)
                if let first = problems.first {
                    for problem in problems.dropFirst() { localReport.add(problem) }
                    throw first
                }
                mapping = map
                headerWidth = record.fields.count
                return
            }
            rows += 1
            var problems: [ImportProblem] = []
            if record.fields.count != headerWidth {
                problems.append(ImportProblem(
                    .format, line: record.line, record: record.number,
                    vi: "Dòng \(record.line) có \(record.fields.count) ô, dòng tiêu đề có \(headerWidth) (thiếu hoặc thừa dấu phân cách?).",
                    en: "Line \(record.line) has \(record.fields.count) fields; the header has \(headerWidth) (a delimiter missing or extra?)."))
            }
            var values = [String?](repeating: nil, count: columns.count)
            if problems.isEmpty {
                for (index, column) in columns.enumerated() {
                    guard let position = mapping[index] else { continue }
                    let raw = record.fields[position]
                    do {
                        values[index] = try column.parse(raw, options.dateOrder)
                    } catch {
                        problems.append(ImportProblem(error.kind, line: record.line, record: record.number, field: column.name,
                                                      value: raw, vi: error.vi, en: error.en))
                        continue
                    }
                    if column.required && values[index] == nil {
                        problems.append(ImportProblem(.missingCell, line: record.line, record: record.number, field: column.name, value: "",
                                                      vi: "Ô \(column.name) bắt buộc nhưng để trống.", en: "\(column.name) is required but empty."))
                    }
                }
                if problems.isEmpty { problems += RowRules.check(kind, columns: columns, values: values, record: record, today: today) }
            }
            if !problems.isEmpty {
                for problem in problems { localReport.add(problem) }
                localRejected[record.line] = record.endLine
                return
            }
            Importer.appendCopyLine(&output, record: record, values: values)
        }

        func produce() throws -> [UInt8]? {
            output.removeAll(keepingCapacity: true)
            while output.isEmpty && !finished {
                guard let chunk = try reader.next() else {
                    if parser == nil { break }
                    try parser!.finish(handle)
                    finished = true
                    break
                }
                if parser == nil {
                    parser = CSVParser(delimiter: options.delimiter ?? CSVParser.detectDelimiter(chunk))
                }
                try parser!.feed(chunk, handle)
                progress?(reader.bytesRead, reader.fileSize)
            }
            return output.isEmpty ? nil : output
        }

        let columnList = columns.map(\.name).joined(separator: ", ")
        do {
            try connection.copyIn("COPY import_staging (line, end_line, record, \(sql: columnList)) FROM STDIN", produce)
        } catch let problem as ImportProblem {
            fileProblem = problem
        }
        report = localReport
        rejected = localRejected
        report.rows = rows
        report.delimiter = parser?.delimiter ?? options.delimiter ?? 0x2C
        if let fileProblem {
            report.valid = false
            report.add(fileProblem)
            return false
        }
        if parser == nil || mapping.isEmpty && headerWidth == 0 {
            report.valid = false
            report.add(ImportProblem(.header, line: 1, vi: "Tệp không có dòng tiêu đề.", en: "The file has no header line."))
            return false
        }
        return true
    }

    /// Canonical names and Vietnamese aliases, matched ignoring case, diacritics, spaces and
    /// underscores; unknown or duplicate headers, and missing required ones, are header errors.
    static func mapHeader(_ headers: [String], columns: [ImportColumn]) -> ([Int?], [ImportProblem]) {
        var lookup: [String: Int] = [:]
        for (index, column) in columns.enumerated() {
            lookup[ImportColumn.fold(column.name)] = index
            for alias in column.aliases { lookup[ImportColumn.fold(alias)] = index }
        }
        var mapping = [Int?](repeating: nil, count: columns.count)
        var problems: [ImportProblem] = []
        for (position, raw) in headers.enumerated() {
            let header = raw.hasPrefix("\u{FEFF}") ? String(raw.dropFirst()) : raw
            guard let index = lookup[ImportColumn.fold(header)] else {
                problems.append(ImportProblem(
                    .header, line: 1, field: header, value: header,
                    vi: "Cột “\(header)” không có trong mẫu; các cột là: \(columns.map(\.name).joined(separator: ", ")).",
                    en: "Unknown column “\(header)”; the columns are: \(columns.map(\.name).joined(separator: ", "))."))
                continue
            }
            if let earlier = mapping[index] {
                problems.append(ImportProblem(
                    .header, line: 1, field: columns[index].name, value: header,
                    vi: "Cột “\(header)” trùng với cột số \(earlier + 1) (\(headers[earlier])).",
                    en: "Column “\(header)” repeats column \(earlier + 1) (\(headers[earlier]))."))
                continue
            }
            mapping[index] = position
        }
        for (index, column) in columns.enumerated() where column.required && mapping[index] == nil {
            problems.append(ImportProblem(
                .header, line: 1, field: column.name,
                vi: "Thiếu cột bắt buộc “\(column.name)”.", en: "The required column “\(column.name)” is missing."))
        }
        return (mapping, problems)
    }

    /// One row in COPY text format: tab-separated, `\N` for NULL, backslash escapes.
    static func appendCopyLine(_ output: inout [UInt8], record: CSVRecord, values: [String?]) {
        output.append(contentsOf: String(record.line).utf8)
        output.append(0x09)
        output.append(contentsOf: String(record.endLine).utf8)
        output.append(0x09)
        output.append(contentsOf: String(record.number).utf8)
        for value in values {
            output.append(0x09)
            guard let value else {
                output.append(contentsOf: [0x5C, 0x4E])
                continue
            }
            for byte in value.utf8 {
                switch byte {
                case 0x5C: output.append(contentsOf: [0x5C, 0x5C])
                case 0x09: output.append(contentsOf: [0x5C, 0x74])
                case 0x0A: output.append(contentsOf: [0x5C, 0x6E])
                case 0x0D: output.append(contentsOf: [0x5C, 0x72])
                default: output.append(byte)
                }
            }
        }
        output.append(0x0A)
    }

    // MARK: - Checks that need the registry

    private func checkInRegistry(_ kind: RecordKind, report: inout ImportReport, rejected: inout [Int: Int]) throws {
        let connection = session.connection
        for check in ImportSQL.checks(kind) {
            let rows = try connection.query(check.sql, check.sql.contains("$1") ? [session.province.code] : []).rows
            guard !rows.isEmpty else { continue }
            var lines: [String] = []
            for row in rows {
                let line = Int(row[0] ?? "") ?? 0
                let message = check.message(row[3])
                report.add(ImportProblem(check.type, line: line, record: Int(row[1] ?? ""), field: check.field, value: row[2],
                                         vi: message.vi, en: message.en))
                lines.append(String(line))
            }
            let marked = try connection.query(
                "UPDATE import_staging SET rejected = true WHERE line = ANY(\("{" + lines.joined(separator: ",") + "}")::int[]) RETURNING line, end_line")
            for row in marked.rows { rejected[Int(row[0]!)!] = Int(row[1]!)! }
        }
    }

    // MARK: - Upsert

    /// Updates changed records and inserts new ones, set-based. If the database refuses the
    /// set (a rule only it can check), each row is tried on its own to name the lines at fault.
    private func upsert(_ kind: RecordKind, report: inout ImportReport, rejected: inout [Int: Int], indexing: () -> Void) throws {
        let connection = session.connection
        let statements = Importer.statements(kind)
        let rebuild = try deferIndexes(kind)
        let trace = PhaseTrace()
        try connection.query("SAVEPOINT import_upsert")
        do {
            for statement in statements {
                let result = try connection.query(statement.sql, [session.province.code, nil])
                report.count(statement.counts, result)
                trace.mark("  statement")
            }
            try connection.query("RELEASE SAVEPOINT import_upsert")
            if !rebuild.isEmpty { indexing() }
            for definition in rebuild { try connection.query(Query(sql: definition)) }
            trace.mark("  indexes rebuilt")
            return
        } catch let error as PostgresError where error.kind == .server && !error.isTransient {
            try connection.query("ROLLBACK TO SAVEPOINT import_upsert")
            for definition in rebuild { try connection.query(Query(sql: definition)) }
            report.inserted = 0
            report.updated = 0
        }
        // Trying rows one by one names the lines at fault; past a few thousand rows that would
        // take too long, so the database's own message is reported for the file.
        let remaining = Int(try connection.query("SELECT count(*) FROM import_staging WHERE NOT rejected").scalar ?? "0") ?? 0
        if remaining > Importer.rowByRowLimit {
            try connection.query("SAVEPOINT import_upsert")
            do {
                for statement in statements { try connection.query(statement.sql, [session.province.code, nil]) }
            } catch let error as PostgresError where error.kind == .server {
                let explained = RegistryError(error)
                throw ImportProblem(ImportProblem.Kind(rawValue: explained.type) ?? .constraint, field: explained.field,
                                    vi: explained.vietnamese + " (tệp quá lớn để chỉ ra từng dòng; hãy tách tệp)",
                                    en: explained.english + " (the file is too large to name each line; split it)")
            }
            throw ImportProblem(.constraint, vi: "Cơ sở dữ liệu từ chối tệp.", en: "The database refused the file.")
        }
        try connection.query("CREATE INDEX ON import_staging (line)")
        let lines = try connection.query("SELECT line, record, end_line FROM import_staging WHERE NOT rejected ORDER BY line").rows
        for row in lines {
            try connection.query("SAVEPOINT import_row")
            do {
                var counted: [(ImportSQL.Counts, QueryResult)] = []
                for statement in statements {
                    counted.append((statement.counts, try connection.query(statement.sql, [session.province.code, row[0]])))
                }
                try connection.query("RELEASE SAVEPOINT import_row")
                for (counts, result) in counted { report.count(counts, result) }
            } catch let error as PostgresError where error.kind == .server && !error.isTransient {
                try connection.query("ROLLBACK TO SAVEPOINT import_row")
                let explained = RegistryError(error)
                let line = Int(row[0]!)!
                report.add(ImportProblem(
                    ImportProblem.Kind(rawValue: explained.type) ?? .constraint, line: line, record: Int(row[1]!),
                    field: explained.field, value: nil, vi: explained.vietnamese, en: explained.english))
                rejected[line] = Int(row[2]!)!
                try connection.query("UPDATE import_staging SET rejected = true WHERE line = \(row[0])")
            }
        }
    }

    /// A large dry run's counts in one set-based pass: new keys are inserts, existing keys are
    /// updates where a staged value differs from the stored one, unchanged otherwise.
    private func estimateCounts(_ kind: RecordKind, report: inout ImportReport, rejected: [Int: Int]) throws {
        let spec = ImportSQL.spec(kind)
        let counts = try session.connection.query(spec.existingAndChanged, [session.province.code, nil]).rows[0]
        let existing = Int(counts[0] ?? "0") ?? 0
        report.rejected = rejected.count
        report.inserted = report.rows - report.rejected - existing
        report.updated = Int(counts[1] ?? "0") ?? 0
        report.unchanged = existing - report.updated
    }

    /// Above this many rows, a refused upsert is not retried row by row.
    static let rowByRowLimit = 20_000

    static func statements(_ kind: RecordKind) -> [(sql: String, counts: ImportSQL.Counts)] {
        let spec = ImportSQL.spec(kind)
        if kind == .ip {
            return [(spec.update(tracked: true), .none), (spec.insert(tracked: true), .none), (ImportSQL.ipEvents, .none)]
        }
        return [(spec.update(tracked: false), .updated), (spec.insert(tracked: false), .inserted)]
    }

    /// A first load into an empty table builds its search indexes once afterwards, which is
    /// far cheaper than maintaining them row by row. Returns the definitions to recreate.
    private func deferIndexes(_ kind: RecordKind) throws -> [String] {
        let table = ImportSQL.spec(kind).table
        let connection = session.connection
        let staged = Int(try connection.query("SELECT count(*) FROM import_staging WHERE NOT rejected").scalar ?? "0") ?? 0
        guard staged >= 50_000 else { return [] }
        // Dropping an index needs the owner: SQL/0021's definer functions do it for a clerk,
        // only when the whole table (every province) is empty, and rebuild what they dropped.
        let dropped = Int(try connection.query("SELECT khcn_defer_search_indexes(\(table)::regclass)").scalar ?? "0") ?? 0
        guard dropped > 0 else { return [] }
        // Building a GIN index in one pass goes faster with room to sort in.
        try connection.query("SET LOCAL maintenance_work_mem = '512MB'")
        return ["SELECT khcn_rebuild_search_indexes('\(table)'::regclass)"]
    }
}

/// Cross-field rules of one row that Swift can check before the database is asked.
enum RowRules {
    static func check(_ kind: RecordKind, columns: [ImportColumn], values: [String?], record: CSVRecord, today: String) -> [ImportProblem] {
        func value(_ name: String) -> String? {
            columns.firstIndex { $0.name == name }.flatMap { values[$0] }
        }
        func problem(_ field: String, _ vi: String, _ en: String) -> ImportProblem {
            ImportProblem(.constraint, line: record.line, record: record.number, field: field, value: value(field), vi: vi, en: en)
        }
        var problems: [ImportProblem] = []
        // An authorisation to use a GI may end on a later day (`until_on`, contract §5): not an event.
        for (index, column) in columns.enumerated() where column.name.hasSuffix("_on") && column.name != "until_on" {
            if let date = values[index], date > today {
                problems.append(problem(column.name, "Ngày \(date) ở tương lai.", "The date \(date) is in the future."))
            }
        }
        switch kind {
        case .ip:
            if let kindWord = value("kind"), let number = value("application_number"),
               number.first != (kindWord == "invention" ? "1" : "2") {
                problems.append(problem("kind", "Loại không khớp chữ số đầu của số đơn \(number).", "The kind does not match the type digit of \(number)."))
            }
            if value("applicant_tax_code") == nil && value("applicant_name") == nil {
                problems.append(ImportProblem(.missingCell, line: record.line, record: record.number, field: "applicant_name", value: "",
                                              vi: "Cần mã số thuế hoặc tên chủ đơn.", en: "The applicant's tax code or name is needed."))
            }
            if value("applicant_type") == "person" && (value("applicant_name") == nil || value("applicant_tax_code") != nil) {
                problems.append(problem("applicant_type", "Chủ đơn là cá nhân: cần tên chủ đơn, không kèm mã số thuế.",
                                        "A person applicant has a name and no tax code."))
            }
            if (value("granted_on") == nil) != (value("grant_number") == nil) {
                problems.append(problem("grant_number", "Ngày cấp bằng và số bằng phải đi cùng nhau.", "granted_on and grant_number go together."))
            }
            if let filed = value("filed_on") {
                for name in ["published_on", "examination_requested_on", "granted_on", "refused_on", "withdrawn_on", "lapsed_on", "invalidated_on", "restored_on", "checked_on"] {
                    if let date = value(name), date < filed {
                        problems.append(problem(name, "Ngày \(date) trước ngày nộp đơn \(filed).", "\(date) is before the filing date \(filed)."))
                    }
                }
            }
        case .certificate:
            if let issued = value("issued_on"), let revoked = value("revoked_on"), revoked < issued {
                problems.append(problem("revoked_on", "Ngày thu hồi trước ngày cấp.", "Revoked before it was issued."))
            }
        case .fund:
            if let established = value("established_on"), let closed = value("closed_on"), closed < established {
                problems.append(problem("closed_on", "Ngày giải thể quỹ trước ngày lập quỹ.", "Closed before it was set up."))
            }
        default:
            break
        }
        return problems
    }
}

/// `KHCN_TRACE=1` prints how long each phase of an import took (for Scripts/bench and tuning).
final class PhaseTrace {
    private let enabled = ProcessInfo.processInfo.environment["KHCN_TRACE"] == "1"
    private var last = Date()

    func mark(_ phase: String) {
        guard enabled else { return }
        let now = Date()
        FileHandle.standardError.write(Data("trace: \(phase) \(String(format: "%.2f", now.timeIntervalSince(last))) s\n".utf8))
        last = now
    }
}

extension ImportReport {
    /// Adds what one upsert statement did to the counts.
    mutating func count(_ counts: ImportSQL.Counts, _ result: QueryResult) {
        switch counts {
        case .inserted: inserted += result.affectedRows
        case .updated: updated += Int(result.scalar ?? "0") ?? 0
        case .none: break
        }
    }
}
