import Dispatch
import Postgres

/// The count of overdue obligations shown beside the targets (contract §10), counted on a
/// second connection while the command reads the targets on its own. `khcn progress` is held to
/// 5× a `psql -c 'select 1'` (contract §8), and the two are its only queries of weight: the
/// targets ~33 ms and this count ~80 ms on the bench's registry; side by side rather than one
/// after the other they take the longer of the two (the server has a core for each).
/// The second session is opened with the command's own URL and province, as the command
/// opens its first (so it starts counting while the first logs in), on a thread of its own (a
/// connection stays with the thread that opened it): the same server, login and province, so
/// its count is the one the first would have made; each query reads what was committed when it
/// started, as the two queries did one after the other. If it cannot connect or count, `value`
/// counts on the command's own session, whose error, if any, is then the command's. Measured
/// (issue 15, stop 27, 1M registry, 20 alternations of binaries, medians): `progress --json`
/// 143 → 119 ms; opened only once the first session was open, 149 → 138 ms.
public final class OverdueCountBeside: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Written by the counting thread before it signals `done`; read only after waiting for it.
    private var counted: Int?
    private let day: CivilDate

    /// Starts counting on `asOf` for the province `province` names (nil: the login's first, as
    /// `RegistrySession` resolves it) in the database at `databaseURL`.
    public init(databaseURL: String, province: String?, asOf day: CivilDate) {
        self.day = day
        DispatchQueue.global().async { [self] in
            defer { done.signal() }
            guard let second = try? RegistrySession(databaseURL: databaseURL, province: province) else { return }
            counted = try? WatchList(second).overdueCount(asOf: day)
        }
    }

    /// The count, once counted; on `session` itself when the second connection could not.
    public func value(orOn session: RegistrySession) throws(RegistryError) -> Int {
        done.wait()
        done.signal()   // counted once: a later call does not wait
        if let counted { return counted }
        return try WatchList(session).overdueCount(asOf: day)
    }
}
