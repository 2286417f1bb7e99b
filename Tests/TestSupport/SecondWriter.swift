import Dispatch
import Postgres

/// A statement run on a connection of its own while another transaction is still open: how
/// tests prove that two writers of one record wait for each other (kept derived state such as
/// `st_certificate_holder` or `ip_watch_state` would otherwise be computed from a stale view)
/// and that writers of different records do not.
public struct SecondWriter {
    /// Holds what the writer's thread found (set before `done` is signalled, read after).
    private final class Outcome: @unchecked Sendable {
        var error: (any Error)?
        var finished = false
    }

    private let outcome = Outcome()
    private let done = DispatchSemaphore(value: 0)

    /// Starts `statement` on a new connection to `database` at once, in the background.
    public init(_ statement: Query, on database: TestDatabase) {
        let conninfo = database.conninfo
        let (outcome, done) = (outcome, done)
        DispatchQueue.global().async {
            do {
                let second = try Connection(conninfo)
                try second.query(statement)
            } catch { outcome.error = error }
            done.signal()
        }
    }

    /// Whether the statement has finished, waiting at most `seconds` more for it.
    public func finishes(within seconds: Double) -> Bool {
        if outcome.finished { return true }
        outcome.finished = done.wait(timeout: .now() + seconds) == .success
        return outcome.finished
    }

    /// What the statement threw, once it finished (nil when it succeeded).
    public var error: (any Error)? { outcome.error }
}
