import Dispatch
import Postgres

/// Merges the pending list of the enterprise names' trigram index on a second connection while
/// an import writes names (`khcn_merge_name_trigrams`, SQL/definitions/06_enterprises.sql). GIN
/// adds each new name's trigrams to an unsorted list, and merging that list into the index is
/// most of what the index costs a write; every statement that writes names merges it before it
/// ends (searches never read the list), and one that writes thousands merges it along the way
/// too, whenever the list fills. Beside the writing statement, on the server's other core, the
/// merge leaves that statement little to do (issue 15: the everyday file of 10,000 rows into a
/// million, 76 ms faster, paired median of 16 runs).
/// The connection is opened from the import's own settings, on a thread of its own (a
/// connection never crosses threads), and merges every `pause` until `finish()`. It reports
/// nothing: if it cannot connect or a merge fails, the statements' own merges do it all.
final class NameTrigramMerger: Sendable {
    /// From this many staged rows; below, the second login would cost more than it saves.
    static let threshold = 5_000

    /// Between two merges. A merge (`gin_clean_pending_list`) runs until the list is empty, so
    /// each one ends at the page the writing statement is appending to, and there holds the
    /// index's metapage while it merges what was appended meanwhile: the writer waits
    /// (`LWLock BufferContent` in 2–9% of the MERGE's samples, none without the merger). Fewer
    /// merges, fewer waits; the list left at the statement's end, merged by the statement,
    /// grows with the pause. Issue 15, stop 29, the everyday file into a 1M registry, the MERGE's
    /// duration in the server's log, medians: 10 ms 590, 25 ms 579, 40 ms 573, 80 ms 569
    /// (six runs each); 10 ms 624, 80 ms 615, 150 ms 629, 300 ms 774; 10 against 40 ms over
    /// twelve alternations 647 → 613 ms (paired median −39 ms; the import −40 ms). The merger
    /// is busy ~380 ms of each import whatever the pause (18 merges at 10 ms, 6 at 40).
    static let pause = DispatchTimeInterval.milliseconds(40)

    private let stop = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)

    init(settings: String) {
        DispatchQueue.global().async { [stop, done] in
            guard let connection = try? Connection(settings) else {
                done.signal()
                return
            }
            // The import waits for the merges only: the connection closes after `done`
            // (freeing it took ~4 ms, on the import's path between its MERGE and COMMIT).
            withExtendedLifetime(connection) {
                defer { done.signal() }
                repeat {
                    guard (try? connection.query("SELECT khcn_merge_name_trigrams()")) != nil else { return }
                } while stop.wait(timeout: .now() + Self.pause) == .timedOut
            }
        }
    }

    /// Stops merging and waits for the merge under way, if any, to end.
    func finish() {
        stop.signal()
        done.wait()
    }
}
