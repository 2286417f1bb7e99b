import Synchronization

/// Whether a `--json` document has begun on standard output before the whole of it was read.
/// Lists, the watch list and progress stream (contract §8: every command streams), so a
/// failure half-way (a lost connection, a cancelled statement) comes after part of the
/// document. Contract §2 allows one JSON document on stdout: the error object then goes to
/// standard error instead, stdout is left unfinished (a parser refuses it rather than read a
/// cut list as whole) and the exit code is the error's (§3). One flag for the process: the
/// printer is a value made more than once, the failure may come from any of them.
enum StreamedDocument {
    private static let begun = Atomic<Bool>(false)

    /// Marks the document begun; the streaming writer calls it before its first byte.
    static func begin() {
        begun.store(true, ordering: .relaxed)
    }

    static var hasBegun: Bool { begun.load(ordering: .relaxed) }
}
