/// The header line of an imported file, matched to a kind's canonical columns. Clerks write
/// the canonical names or the Vietnamese ones, with any case, diacritics, spaces or
/// underscores (contract §6); anything else is a header error before a single row is read.
enum ImportHeader {
    /// For each canonical column, the position of the file's column that holds it (nil: not
    /// in the file), and the header problems: unknown or repeated columns, missing required ones.
    static func map(_ headers: [String], columns: [ImportColumn]) -> ([Int?], [ImportProblem]) {
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
}
