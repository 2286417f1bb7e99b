import Foundation
import Registry

/// An import's progress on stderr, only on a terminal (a pipe or a log gets no control
/// characters), only once the import has taken `delay` seconds: the phase the import is in,
/// a bar while the file is read, and at the end how long each phase took (issue 12: the bar
/// sat at 97% for 30 s while the database worked, and said "Đang nhập" in a dry run).
final class ProgressBar {
    private let out: Printer
    private let dryRun: Bool
    private let start = Date()
    private let enabled = isatty(STDERR_FILENO) == 1
    /// Seconds before anything is drawn, so that a quick import prints nothing but its
    /// summary; `KHCN_PROGRESS_DELAY=0` shows it at once (tests, demonstrations).
    private let delay = ProcessInfo.processInfo.environment["KHCN_PROGRESS_DELAY"].flatMap(Double.init) ?? 1
    private var lastDraw = Date.distantPast
    private var current: ImportPhase?
    private var finished = false
    private var phaseStart = Date()
    /// Seconds spent in each phase, in the order they first ran.
    private var timings: [(ImportPhase, TimeInterval)] = []

    init(_ out: Printer, dryRun: Bool) {
        self.out = out
        self.dryRun = dryRun
    }

    /// "Đang nhập" for an import; a dry run writes nothing, so it says "Đang kiểm tra".
    private var label: String { dryRun ? out.text("Đang kiểm tra", "Checking") : out.text("Đang nhập", "Importing") }

    /// A phase in words: what the bar says while it runs, and its name in the closing line of
    /// timings. A dry run's writing is undone, and says so.
    private func words(_ phase: ImportPhase) -> (doing: String, name: String) {
        switch phase {
        case .reading: (out.text("đọc tệp", "reading the file"), out.text("Đọc", "Reading"))
        case .checking: (out.text("kiểm tra với sổ đăng ký", "checking against the registry"), out.text("Kiểm tra", "Checking"))
        case .writing: dryRun
            ? (out.text("thử ghi (sẽ hoàn tác)", "trial write (undone)"), out.text("Thử ghi", "Trial write"))
            : (out.text("ghi vào sổ đăng ký", "writing to the registry"), out.text("Ghi", "Writing"))
        case .indexing: (out.text("lập chỉ mục tìm kiếm", "building the search indexes"), out.text("Lập chỉ mục", "Indexing"))
        }
    }

    /// "2,1 s" in Vietnamese (decimal comma), "2.1 s" in English.
    private func seconds(_ interval: TimeInterval) -> String {
        let text = String(format: "%.1f s", interval)
        return out.vietnamese ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    /// A new phase begins: the last one's time is kept, and the line says what is happening now.
    func phase(_ phase: ImportPhase) {
        closePhase()
        current = phase
        draw(force: true, phase == .reading ? nil : "…")
    }

    /// `total`: nil when the input is a pipe, which has no size: then only the bytes read show.
    func update(done: Int, total: Int?) {
        guard let total, total > 0 else {
            draw(force: false, " … \(done / 1_048_576) MB")
            return
        }
        let fraction = min(1, Double(done) / Double(total))
        let width = 30
        let filled = Int(fraction * Double(width))
        draw(force: false, " [" + String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            + "] \(Int(fraction * 100))% (\(done / 1_048_576)/\(total / 1_048_576) MB)")
    }

    /// Clears the line and, if the import took long enough to show it, says how long each phase took.
    func finish() {
        guard !finished else { return }
        finished = true
        closePhase()
        current = nil
        guard enabled, Date().timeIntervalSince(start) >= delay, !timings.isEmpty else { return }
        let line = timings.map { "\(words($0.0).name) \(seconds($0.1))" }.joined(separator: " · ")
        FileHandle.standardError.write(Data("\r\u{1B}[K\(line)\n".utf8))
    }

    private func closePhase() {
        let now = Date()
        if let current {
            if let index = timings.firstIndex(where: { $0.0 == current }) {
                timings[index].1 += now.timeIntervalSince(phaseStart)
            } else {
                timings.append((current, now.timeIntervalSince(phaseStart)))
            }
        }
        phaseStart = now
    }

    private func draw(force: Bool, _ detail: String?) {
        let now = Date()
        guard enabled, let current, now.timeIntervalSince(start) >= delay,
              force || now.timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = now
        FileHandle.standardError.write(Data("\r\(label) — \(words(current).doing)\(detail ?? "")\u{1B}[K".utf8))
    }
}
