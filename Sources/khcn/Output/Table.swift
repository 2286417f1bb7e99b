import Registry

/// A plain-text table whose columns line up for Vietnamese text: widths are counted in
/// characters (grapheme clusters, NFC), not bytes, so "Tuyên Quang" is 11 wide.
struct Table {
    var headers: [String]
    var rows: [[String]] = []
    /// Columns aligned right (numbers, money).
    var rightAligned: Set<Int> = []
    /// Columns whose text may be broken over several lines, at spaces, to keep the whole
    /// table within `maxWidth` (issue 12: an import's error table was 200–330 columns wide).
    var wrapped: Set<Int> = []
    /// The widest a line may be when `wrapped` columns can give way: 100 fits a terminal or a
    /// printed page; the other columns keep their width.
    var maxWidth = 100

    /// A wrapped column is never squeezed narrower than this: past it, the line overflows.
    static let narrowestWrapped = 16

    init(_ headers: [String], rightAligned: Set<Int> = [], wrapped: Set<Int> = []) {
        self.headers = headers
        self.rightAligned = rightAligned
        self.wrapped = wrapped
    }

    /// Cells are escaped (contract §4: `\u{1B}` for ESC; a line break in an address as `\u{A}`)
    /// before their widths are counted, so stored text can neither drive the terminal nor
    /// break the alignment.
    mutating func append(_ row: [String]) { rows.append(row.map { CleanText.escaped($0) }) }

    func rendered() -> String {
        let widths = columnWidths()
        return (headerLines(widths: widths) + rows.flatMap { lines(of: $0, widths: widths) }).joined(separator: "\n")
    }

    /// Each column as wide as its widest cell (header included), wrapped columns narrowed to fit `maxWidth`.
    func columnWidths() -> [Int] {
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        fitWrappedColumns(&widths)
        return widths
    }

    /// The header and the rule under it.
    func headerLines(widths: [Int]) -> [String] {
        [line(headers, widths: widths), widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")]
    }

    /// A row (already escaped by `append`) as its lines: as many as its tallest wrapped cell.
    func lines(of row: [String], widths: [Int]) -> [String] {
        let pieces = row.enumerated().map { index, cell in
            wrapped.contains(index) && index < widths.count ? Table.wrap(cell, width: widths[index]) : [cell]
        }
        let height = pieces.map(\.count).max() ?? 1
        return (0..<height).map { part in line(pieces.map { part < $0.count ? $0[part] : "" }, widths: widths) }
    }

    private func line(_ cells: [String], widths: [Int]) -> String {
        cells.enumerated().map { index, cell in
            let padding = String(repeating: " ", count: max(0, widths[index] - cell.count))
            return rightAligned.contains(index) ? padding + cell : cell + padding
        }.joined(separator: "  ").trimmingTrailingSpaces()
    }

    /// Narrows the widest wrapped column, one character at a time, until the table fits.
    private func fitWrappedColumns(_ widths: inout [Int]) {
        let wrappable = wrapped.filter { $0 < widths.count }
        guard !wrappable.isEmpty else { return }
        var total = widths.reduce(0, +) + 2 * max(0, widths.count - 1)
        while total > maxWidth {
            guard let widest = wrappable.filter({ widths[$0] > Table.narrowestWrapped }).max(by: { widths[$0] < widths[$1] }) else { return }
            widths[widest] -= 1
            total -= 1
        }
    }

    /// Breaks `text` into lines of at most `width` characters at spaces; a word longer than
    /// the line is cut.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard text.count > width, width > 0 else { return [text] }
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = Substring(word)
            while word.count > width {
                if !current.isEmpty { lines.append(current); current = "" }
                lines.append(String(word.prefix(width)))
                word = word.dropFirst(width)
            }
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
