@testable import Registry

/// Fuzzes `CSVParser` (contract §6: `,` `;` tab, quotes, CR/LF/CRLF, streaming in chunks).
/// Input: a delimiter choice, a chunk-size choice, a record-size limit choice (0: the real
/// 1 MiB, else 8 to 2,040 bytes, so that the limit is reached), then the file's bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    var input = FuzzInput(data, count)
    let delimiterChoice = input.choice()
    let chunkSize = Int(input.choice()) + 1
    let limitChoice = Int(input.choice())
    let limit = limitChoice == 0 ? CSVParser.maxRecordBytes : limitChoice * 8
    let bytes = input.payload
    let detected = CSVParser.detectDelimiter(bytes)
    require([0x2C, 0x3B, 0x09].contains(detected), "detectDelimiter picked \(detected)")
    let delimiter: UInt8 = [detected, 0x2C, 0x3B, 0x09][Int(delimiterChoice % 4)]

    let whole = parse(bytes, delimiter: delimiter, chunkSize: max(bytes.count, 1), limit: limit)
    let chunked = parse(bytes, delimiter: delimiter, chunkSize: chunkSize, limit: limit)
    // Streaming: where the chunks end never changes what is read (a record, a quote or a CRLF
    // may straddle two chunks of the real 1 MiB reader).
    require(whole.records.map(\.fields) == chunked.records.map(\.fields), "chunks of \(chunkSize) change the fields")
    require(whole.records.map(\.line) == chunked.records.map(\.line), "chunks of \(chunkSize) change the lines")
    require(whole.records.map(\.endLine) == chunked.records.map(\.endLine), "chunks of \(chunkSize) change the end lines")
    require(whole.problem == chunked.problem, "chunks of \(chunkSize) change the error")

    if let problem = whole.problem {
        require(problem.kind == .format, "a parser error is a format-error, not \(problem.kind)")
        require(problem.record == whole.records.count + 1, "the error names record \(problem.record ?? -1), not the one being read")
    }
    // Records are numbered in order and their lines move forward within the file.
    let physicalLines = lineCount(bytes)
    var previousEnd = 0
    for (index, record) in whole.records.enumerated() {
        require(record.number == index, "record \(index) numbered \(record.number)")
        require(record.line > previousEnd && record.line <= record.endLine && record.endLine <= physicalLines,
                "record \(index) spans lines \(record.line)–\(record.endLine) after line \(previousEnd) of \(physicalLines)")
        require(!record.fields.isEmpty, "record \(index) has no field")
        previousEnd = record.endLine
    }
    // Nothing is made up: the fields hold at most the bytes given (the importer only ever
    // feeds validated UTF-8, which decoding keeps byte for byte).
    if isValidUTF8(bytes) {
        let fieldBytes = whole.records.reduce(0) { $0 + $1.fields.reduce(0) { $0 + $1.utf8.count } }
        require(fieldBytes <= bytes.count, "\(fieldBytes) field bytes out of \(bytes.count) input bytes")
        // No record outgrows the limit (what bounds memory on a quote left open).
        for record in whole.records {
            let size = record.fields.reduce(record.fields.count - 1) { $0 + $1.utf8.count }
            require(size <= limit, "a record of \(size) bytes passed the limit of \(limit)")
        }
    }
    guard whole.problem == nil else { return 0 }
    // Without quotes a record is exactly a non-empty line cut at each delimiter.
    if !bytes.contains(0x22) {
        let expected = splitPlain(bytes, delimiter: delimiter)
        require(whole.records.map(\.fields) == expected, "unquoted text read as \(whole.records.map(\.fields)), expected \(expected)")
    }
    // Writing the records back with every field quoted reads back the same fields.
    var written: [UInt8] = []
    for record in whole.records {
        for (index, field) in record.fields.enumerated() {
            if index > 0 { written.append(delimiter) }
            written.append(0x22)
            for byte in field.utf8 {
                written.append(byte)
                if byte == 0x22 { written.append(0x22) }
            }
            written.append(0x22)
        }
        written.append(0x0A)
    }
    let reread = parse(written, delimiter: delimiter, chunkSize: chunkSize, limit: CSVParser.maxRecordBytes)
    require(reread.problem == nil, "re-quoted records fail to parse: \(reread.problem!.english)")
    require(reread.records.map(\.fields) == whole.records.map(\.fields), "re-quoted records read back differently")
    return 0
}

private struct Parsed {
    var records: [CSVRecord] = []
    var problem: ImportProblem?
}

private func parse(_ bytes: [UInt8], delimiter: UInt8, chunkSize: Int, limit: Int) -> Parsed {
    var parser = CSVParser(delimiter: delimiter, maxRecordBytes: limit)
    var parsed = Parsed()
    do {
        var start = 0
        while start < bytes.count {
            let end = min(start + chunkSize, bytes.count)
            try parser.feed(Array(bytes[start..<end])) { parsed.records.append($0) }
            start = end
        }
        try parser.finish { parsed.records.append($0) }
    } catch let problem as ImportProblem {
        parsed.problem = problem
    } catch {
        require(false, "the parser threw \(error), not an ImportProblem")
    }
    return parsed
}

/// Physical lines as the contract counts them: LF, CRLF or CR each end one.
private func lineCount(_ bytes: [UInt8]) -> Int {
    var lines = 1
    for (index, byte) in bytes.enumerated() {
        if byte == 0x0D || (byte == 0x0A && (index == 0 || bytes[index - 1] != 0x0D)) { lines += 1 }
    }
    return lines
}

/// The oracle for quote-free input, written independently of the parser's state machine.
private func splitPlain(_ bytes: [UInt8], delimiter: UInt8) -> [[String]] {
    var lines: [ArraySlice<UInt8>] = []
    var start = 0, index = 0
    while index < bytes.count {
        if bytes[index] == 0x0A || bytes[index] == 0x0D {
            lines.append(bytes[start..<index])
            if bytes[index] == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
            start = index + 1
        }
        index += 1
    }
    lines.append(bytes[start...])
    return lines.filter { !$0.isEmpty }.map { line in
        line.split(separator: delimiter, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    }
}
