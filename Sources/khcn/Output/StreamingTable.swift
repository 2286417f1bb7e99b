import Registry

/// A plain-text table printed as its rows come, for lists that stream (contract §8: a list of
/// 1,000,000 rows must not be held to be aligned). Up to `blockSize` rows it prints exactly what
/// `Table` prints, column widths from every cell. A longer list is aligned on its first block:
/// the header and the first `blockSize` rows are printed with the widths of those rows, and
/// every later row with the same widths (a wrapped column wraps at them; a wider cell in
/// another column pushes the rest of its line right). One header that lines up, and memory
/// for one block at most.
struct StreamingTable {
    private var table: Table
    /// Fixed once the first block is printed.
    private var widths: [Int]?
    let blockSize: Int
    private let emit: (String) -> Void

    /// `emit` prints one line (or, for a short list, the whole table at once).
    init(_ table: Table, blockSize: Int = 1_000, emit: @escaping (String) -> Void) {
        self.table = table
        self.blockSize = blockSize
        self.emit = emit
    }

    mutating func append(_ row: [String]) {
        table.append(row)
        if let widths {
            table.lines(of: table.rows[0], widths: widths).forEach(emit)
            table.rows.removeAll(keepingCapacity: true)
        } else if table.rows.count >= blockSize {
            let widths = table.columnWidths()
            table.headerLines(widths: widths).forEach(emit)
            for row in table.rows { table.lines(of: row, widths: widths).forEach(emit) }
            table.rows.removeAll(keepingCapacity: true)
            self.widths = widths
        }
    }

    /// Prints what is held: a list shorter than one block, whole, as `Table` renders it.
    mutating func finish() {
        guard widths == nil, !table.rows.isEmpty else { return }
        emit(table.rendered())
        table.rows.removeAll()
    }
}
