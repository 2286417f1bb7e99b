import Postgres

/// Streams a file into the temporary table `import_staging` with one COPY, in constant memory
/// (contract §8: a million rows): each chunk the reader decodes is parsed into records, each
/// record checked in Swift (`RowDecoder`), and the good ones written as COPY text. The table
/// holds canonical text, one column per canonical column, plus each record's line numbers,
/// so every later check and the upsert can name the line at fault.
struct ImportStaging {
    let connection: Connection
    let kind: RecordKind
    let columns: [ImportColumn]
    let options: ImportOptions
    /// ISO text of the registry's today (`RegistrySession.today`).
    let today: String
    /// Learns, row by row, whether a key may stand twice in the file (`RegistryChecks`).
    let keys: StagedKeys

    /// Creates the staging tables (dropped at COMMIT or ROLLBACK) and loads every good row.
    /// Returns false when the file cannot be read as a whole (header, quoting, encoding).
    func load(_ reader: SourceReader, into report: inout ImportReport, progress: ((Int, Int?) -> Void)?) throws -> Bool {
        try connection.execute(script: ImportStaging.createTables(kind, columns: columns, fileSize: reader.fileSize))

        var parser: CSVParser?
        var decoder: RowDecoder?
        var fileProblem: ImportProblem?
        var output: [UInt8] = []
        var values: [StagedValue?] = []
        output.reserveCapacity(SourceReader.chunkSize * 2)
        var rows = 0
        var local = report
        var finished = false

        func handle(_ record: CSVRecord) throws {
            guard decoder != nil else {
                let (mapping, problems) = ImportHeader.map(record.fields, columns: columns)
                if let first = problems.first {
                    for problem in problems.dropFirst() { local.add(problem) }
                    throw first
                }
                decoder = RowDecoder(columns: columns, mapping: mapping, headerWidth: record.fields.count, dateOrder: options.dateOrder,
                                     rules: RowRules(kind: kind, columns: columns, today: today))
                return
            }
            rows += 1
            let problems = decoder!.decode(record, into: &values)   // in place: no copy of the decoder per row
            if problems.isEmpty {
                CopyText.append(record, values: values, to: &output)
                keys.add(record, values)
            } else {
                for problem in problems { local.add(problem) }
                local.reject(line: record.line, endLine: record.endLine)
            }
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
        report = local
        report.rows = rows
        report.delimiter = parser?.delimiter ?? options.delimiter ?? 0x2C
        if let fileProblem {
            report.valid = false
            report.add(fileProblem)
            return false
        }
        if parser == nil || decoder == nil {
            report.valid = false
            report.add(ImportProblem(.header, line: 1, vi: "Tệp không có dòng tiêu đề.", en: "The file has no header line."))
            return false
        }
        return true
    }

    /// The staging tables, in one round trip (an everyday file of a few thousand rows is
    /// measured against a 0.1 s `\copy`, contract §8, so every round trip counts, issue 15).
    /// The staging table lives in local buffers: they get room for it first (allowed only
    /// before the session's first temporary table, which this is; `localBuffers`).
    /// `import_touched` lists the applications an IP import touched (`UpsertSQL.statements`);
    /// no other kind needs it. The column names are the import's own (`ImportColumns`), never
    /// the file's.
    static func createTables(_ kind: RecordKind, columns: [ImportColumn], fileSize: Int? = nil) -> String {
        let definitions = columns.map { "\($0.name) text" }.joined(separator: ", ")
        var script = """
            SET temp_buffers = '\(localBuffers(fileSize: fileSize))MB';
            CREATE TEMP TABLE import_staging (line integer, end_line integer, record integer, rejected boolean NOT NULL DEFAULT false, \(definitions)) ON COMMIT DROP;
            """
        if kind == .ip { script += "\nCREATE TEMP TABLE import_touched (key text, action text) ON COMMIT DROP;" }
        return script
    }

    /// Megabytes of local buffers for a file of `fileSize` bytes: six times the file (a staged
    /// row is its text plus ~60 bytes of tuple header and line numbers, so a file of short rows
    /// takes up to six times its size) and 8 MB more, at most 512 MB (the bench's file of a
    /// million enterprises, 160 MB, gets all of it); 512 MB when the size is not known (a
    /// pipe). A file that outgrows its room still stages whole (the table's pages beyond it go
    /// to a temporary file). The backend sets up every buffer's descriptor when the first
    /// temporary table is written, so room costs even when unused: 512 MB cost each small
    /// import 2.5 ms (issue 15, stop 30: a fresh clerk's session creating one temporary table
    /// and writing one row, six alternations, medians of 41.8 ms against 39.3 ms at 16 MB).
    static func localBuffers(fileSize: Int?) -> Int {
        guard let fileSize else { return 512 }
        let megabytes = (fileSize + (1 << 20) - 1) >> 20
        return min(512, 8 + 6 * megabytes)
    }

    /// Rows staged and not (yet) rejected: what the upsert would write.
    static func remaining(_ connection: Connection) throws -> Int {
        try connection.query("SELECT count(*) AS remaining FROM import_staging WHERE NOT rejected").first?
            .decode("remaining", as: Int.self) ?? 0
    }
}
