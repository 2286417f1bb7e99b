/// One data record of the file turned into a kind's canonical values, or the problems that
/// keep it out, each with its line (contract §6): a row as wide as the header, each cell by
/// its column's rule, required cells filled, then the cross-field `RowRules`.
struct RowDecoder {
    let columns: [ImportColumn]
    /// For each canonical column, the file's column that holds it (`ImportHeader.map`).
    let mapping: [Int?]
    let headerWidth: Int
    let dateOrder: DateOrder
    let rules: RowRules

    func decode(_ record: CSVRecord) -> Result<[String?], RowProblems> {
        if record.fields.count != headerWidth {
            return .failure(RowProblems(problems: [ImportProblem(
                .format, line: record.line, record: record.number,
                vi: "Dòng \(record.line) có \(record.fields.count) ô, dòng tiêu đề có \(headerWidth) (thiếu hoặc thừa dấu phân cách?).",
                en: "Line \(record.line) has \(record.fields.count) fields; the header has \(headerWidth) (a delimiter missing or extra?).")]))
        }
        var problems: [ImportProblem] = []
        var values = [String?](repeating: nil, count: columns.count)
        for (index, column) in columns.enumerated() {
            guard let position = mapping[index] else { continue }
            let raw = record.fields[position]
            do {
                values[index] = try column.parse(raw, dateOrder)
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
        if problems.isEmpty {
            problems = rules.problems(values, at: record)
        }
        return problems.isEmpty ? .success(values) : .failure(RowProblems(problems: problems))
    }
}

/// Why a record was kept out of the staging table (every problem found in it).
struct RowProblems: Error {
    let problems: [ImportProblem]
}
