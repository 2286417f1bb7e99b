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

    /// Fills `values` (reused from row to row) with the record's staged values, one per
    /// canonical column; returns the problems that keep the record out (none: stage it).
    func decode(_ record: CSVRecord, into values: inout [StagedValue?]) -> [ImportProblem] {
        values.removeAll(keepingCapacity: true)
        values.append(contentsOf: repeatElement(nil, count: columns.count))
        if record.count != headerWidth {
            return [ImportProblem(
                .format, line: record.line, record: record.number,
                vi: "Dòng \(record.line) có \(record.count) ô, dòng tiêu đề có \(headerWidth) (thiếu hoặc thừa dấu phân cách?).",
                en: "Line \(record.line) has \(record.count) fields; the header has \(headerWidth) (a delimiter missing or extra?).")]
        }
        var problems: [ImportProblem] = []
        record.bytes.withUnsafeBufferPointer { bytes in
            for (index, column) in columns.enumerated() {
                guard let position = mapping[index] else { continue }
                do throws(CellProblem) {
                    values[index] = try column.rule.stage(bytes, record.range(position), dateOrder)
                } catch {
                    problems.append(ImportProblem(error.kind, line: record.line, record: record.number, field: column.name,
                                                  value: record.field(position), vi: error.vi, en: error.en))
                    continue
                }
                if column.required && values[index] == nil {
                    problems.append(ImportProblem(.missingCell, line: record.line, record: record.number, field: column.name, value: "",
                                                  vi: "Ô \(column.name) bắt buộc nhưng để trống.", en: "\(column.name) is required but empty."))
                }
            }
        }
        if problems.isEmpty {
            problems = rules.problems(values, at: record)
        }
        return problems
    }
}
