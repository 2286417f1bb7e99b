import Registry

/// A plain-text table whose columns line up for Vietnamese text: widths are counted in
/// characters (grapheme clusters, NFC), not bytes, so "Tuyên Quang" is 11 wide.
struct Table {
    var headers: [String]
    var rows: [[String]] = []
    /// Columns aligned right (numbers, money).
    var rightAligned: Set<Int> = []

    init(_ headers: [String], rightAligned: Set<Int> = []) {
        self.headers = headers
        self.rightAligned = rightAligned
    }

    /// Cells are escaped (contract §4: `\u{1B}` for ESC; a line break in an address as `\u{A}`)
    /// before their widths are counted, so stored text can neither drive the terminal nor
    /// break the alignment.
    mutating func append(_ row: [String]) { rows.append(row.map { CleanText.escaped($0) }) }

    func rendered() -> String {
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                let padding = String(repeating: " ", count: max(0, widths[index] - cell.count))
                return rightAligned.contains(index) ? padding + cell : cell + padding
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        var lines = [line(headers), widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")]
        lines += rows.map(line)
        return lines.joined(separator: "\n")
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
