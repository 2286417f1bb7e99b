import Synchronization

/// Whether a `--json` document has begun on standard output before the whole of it was read.
/// Lists, the watch list and progress stream (contract §8: every command streams), so a
/// failure half-way (a lost connection, a cancelled statement) comes after part of the
/// document. Contract §2: a failure prints its error object on stdout. It comes after the cut
/// document, on a line of its own: stdout as a whole no longer parses (no script takes a cut
/// list for a whole one), its last line is the error object, and the exit code is the
/// error's (§3). One flag for the process: the printer is a value made more than once, the
/// failure may come from any of them.
enum StreamedDocument {
    private static let begun = Atomic<Bool>(false)

    /// Marks the document begun; the streaming writer calls it before its first byte.
    static func begin() {
        begun.store(true, ordering: .relaxed)
    }

    static var hasBegun: Bool { begun.load(ordering: .relaxed) }

    /// Prints a piece of the document (no line end of its own), marking it begun.
    static func write(_ text: String) {
        begin()
        print(text, terminator: "")
    }
}

/// A JSON array written element by element: byte for byte what `JSON.array(…)` renders whole
/// at that depth (`[`, each element on its own line `level` steps in, `]` one step out; `[]`
/// when empty). The one home of that layout for every streamed list, whatever writes the bytes.
struct JSONArrayText {
    /// The depth of the elements (a list printed alone: 1).
    let level: Int
    private(set) var count = 0

    init(level: Int) { self.level = level }

    /// What goes before the next element (which the caller renders at `level`).
    mutating func separator() -> String {
        defer { count += 1 }
        return (count == 0 ? "[" : ",") + "\n" + String(repeating: "  ", count: level)
    }

    /// What closes the array.
    var end: String { count == 0 ? "[]" : "\n" + String(repeating: "  ", count: level - 1) + "]" }
}
