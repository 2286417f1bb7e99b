/// What every fuzz target shares: the bytes libFuzzer hands over, a way to take a few of them
/// as choices (a delimiter, a split point) before the payload, and a check that fails loudly.
///
/// A broken property is a crash on purpose: libFuzzer keeps the input and prints the message.
struct FuzzInput {
    private var bytes: ArraySlice<UInt8>

    init(_ data: UnsafePointer<UInt8>?, _ count: Int) {
        bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: count))[...] } ?? []
    }

    /// The next byte as a choice (0 when the input is used up).
    mutating func choice() -> UInt8 { bytes.popFirst() ?? 0 }

    /// Whatever is left: the text or file the parser under test reads.
    var payload: [UInt8] { Array(bytes) }
}

/// Fails the run with a message naming the property (also in `-O` builds, unlike `assert`).
func require(_ condition: Bool, _ message: @autoclosure () -> String, file: StaticString = #file, line: UInt = #line) {
    if !condition { fatalError("property broken: \(message())", file: file, line: line) }
}

/// True when the bytes are well-formed UTF-8, by the standard library (an oracle independent
/// of the registry's own validator).
func isValidUTF8<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
    var iterator = bytes.makeIterator()
    var parser = Unicode.UTF8.ForwardParser()
    while true {
        switch parser.parseScalar(from: &iterator) {
        case .valid: continue
        case .emptyInput: return true
        case .error: return false
        }
    }
}
