import Foundation

/// `KHCN_TRACE=1` prints how long each phase of an import took (for Scripts/bench and tuning):
/// the ratios of contract §8 are kept by knowing where the time goes.
final class PhaseTrace {
    private let enabled = ProcessInfo.processInfo.environment["KHCN_TRACE"] == "1"
    private var last = Date()

    func mark(_ phase: String) {
        guard enabled else { return }
        let now = Date()
        FileHandle.standardError.write(Data("trace: \(phase) \(String(format: "%.2f", now.timeIntervalSince(last))) s\n".utf8))
        last = now
    }
}
