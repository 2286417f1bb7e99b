import Foundation
import Registry

/// Inline SVG charts a reader can use on paper (issue 12): every axis carries its values, the
/// goal line is labelled as the plan writes it, and text is 13.5 px = 10 pt printed (at
/// least 9 pt). The SVGs are drawn at 1:1 (viewBox = size), so sizes print as written.
struct ReportCharts {
    let out: Printer

    static let font = 13.5
    private static let goalColour = "#b71c1c"

    /// A scale that ends on a round value above `top`: 0, 10, 20, 30, 40.
    /// A count never gets a fractional step.
    static func ticks(upTo top: Double, whole: Bool) -> [Double] {
        let top = max(top, 1)
        let raw = top / 5
        let magnitude = pow(10, floor(log10(raw)))
        let step = max([1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw, whole ? 1 : 0)
        let count = Int((top / step).rounded(.up))
        return (0...count).map { Double($0) * step }
    }

    /// The value now against the goal (and the stretch), on a horizontal axis with its values.
    func valueBar(_ item: ReportTarget, caption: String) -> String {
        let target = item.target
        let goal = target.smallestMeeting
        let ticks = Self.ticks(upTo: max(goal, target.stretch ?? 0, item.progress.value ?? 0) * 1.1, whole: target.unit == "count")
        let width = 300.0, left = 14.0, right = 286.0
        let scale = ticks.last!
        func x(_ v: Double) -> Double { left + (right - left) * v / scale }
        var svg = open(width: width, height: target.stretch == nil ? 76 : 100, label: caption)
        svg += text(out.text("Mục tiêu: ", "Goal: ") + out.planGoal(target), x: x(target.threshold), y: 15, anchorNear: x(target.threshold), width: width, fill: Self.goalColour)
        svg += "<rect x=\"\(left)\" y=\"24\" width=\"\(right - left)\" height=\"22\" fill=\"#f1f1f1\" stroke=\"#9e9e9e\"/>"
        if let value = item.progress.value {
            svg += "<rect x=\"\(left)\" y=\"24\" width=\"\(f(x(value) - left))\" height=\"22\" fill=\"\(colour(item.progress.status))\"/>"
            // Inside the bar when it is long enough, so the label never sits on the goal line.
            let inside = x(value) - left > 60
            svg += "<text x=\"\(f(inside ? x(value) - 4 : x(value) + 4))\" y=\"40\" font-size=\"\(Self.font)\" font-weight=\"bold\" text-anchor=\"\(inside ? "end" : "start")\" fill=\"\(inside ? "#fff" : "#000")\">\(htmlEscape(out.figure(value, target)))</text>"
        } else {
            svg += "<text x=\"\(left + 6)\" y=\"40\" font-size=\"\(Self.font)\" font-style=\"italic\">\(out.text("chưa có số liệu", "no figure yet"))</text>"
        }
        svg += axis(ticks, x: x, y: 50)
        svg += "<line x1=\"\(f(x(target.threshold)))\" y1=\"19\" x2=\"\(f(x(target.threshold)))\" y2=\"50\" stroke=\"\(Self.goalColour)\" stroke-width=\"2\" stroke-dasharray=\"4 2\"/>"
        if let stretch = target.stretch {
            svg += "<line x1=\"\(f(x(stretch)))\" y1=\"24\" x2=\"\(f(x(stretch)))\" y2=\"50\" stroke=\"#000\" stroke-width=\"1.5\" stroke-dasharray=\"1 2\"/>"
            svg += text(out.text("phấn đấu: \(out.number(stretch))", "stretch: \(out.number(stretch))"), x: x(stretch), y: 93, anchorNear: x(stretch), width: width)
        }
        return svg + "</svg>"
    }

    /// The figure on 31 December of each year since the baseline (the last on the as-of date),
    /// with the goal as a labelled dashed line and the values on the vertical axis.
    func yearly(_ item: ReportTarget) -> String {
        let points = item.progress.yearly
        guard !points.isEmpty else { return "" }
        let target = item.target
        let goal = target.smallestMeeting
        let ticks = Self.ticks(upTo: max(goal, points.map(\.value).max() ?? 0) * 1.15, whole: target.unit == "count")
        let width = 300.0, height = 196.0, left = 40.0, right = 292.0, top = 14.0, base = 150.0
        let scale = ticks.last!
        func y(_ v: Double) -> Double { base - (base - top) * v / scale }
        var svg = open(width: width, height: height, label: out.text("Số liệu theo năm", "Year by year"))
        for tick in ticks {
            svg += "<line x1=\"\(left - 4)\" y1=\"\(f(y(tick)))\" x2=\"\(right)\" y2=\"\(f(y(tick)))\" stroke=\"\(tick == 0 ? "#000" : "#dddddd")\"/>"
            svg += "<text x=\"\(left - 7)\" y=\"\(f(y(tick) + 4.5))\" font-size=\"\(Self.font)\" text-anchor=\"end\">\(out.axisNumber(tick))</text>"
        }
        svg += "<line x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(base)\" stroke=\"#000\"/>"
        let slot = (right - left) / Double(points.count)
        for (index, point) in points.enumerated() {
            let x = left + slot * Double(index) + slot * 0.2, barWidth = slot * 0.6
            svg += "<rect x=\"\(f(x))\" y=\"\(f(y(point.value)))\" width=\"\(f(barWidth))\" height=\"\(f(base - y(point.value)))\" fill=\"#546e7a\"/>"
            svg += "<text x=\"\(f(x + barWidth / 2))\" y=\"\(f(y(point.value) - 4))\" font-size=\"\(Self.font)\" font-weight=\"bold\" text-anchor=\"middle\">\(out.number(point.value))</text>"
            svg += "<text x=\"\(f(x + barWidth / 2))\" y=\"\(base + 17)\" font-size=\"\(Self.font)\" text-anchor=\"middle\">\(point.year)</text>"
        }
        svg += "<line x1=\"\(left)\" y1=\"\(f(y(target.threshold)))\" x2=\"\(right)\" y2=\"\(f(y(target.threshold)))\" stroke=\"\(Self.goalColour)\" stroke-width=\"2\" stroke-dasharray=\"6 3\"/>"
        // The legend under the axis names the dashed line, so it never sits on a bar's value.
        svg += "<line x1=\"\(left)\" y1=\"\(height - 9)\" x2=\"\(left + 24)\" y2=\"\(height - 9)\" stroke=\"\(Self.goalColour)\" stroke-width=\"2\" stroke-dasharray=\"6 3\"/>"
        svg += "<text x=\"\(left + 30)\" y=\"\(height - 4.5)\" font-size=\"\(Self.font)\" fill=\"\(Self.goalColour)\">\(htmlEscape(out.text("mục tiêu: ", "goal: ") + out.planGoal(target) + out.text(" (hạn \(out.date(target.deadline)))", " (by \(out.date(target.deadline)))")))</text>"
        return svg + "</svg>"
    }

    private func axis(_ ticks: [Double], x: (Double) -> Double, y: Double) -> String {
        var svg = "<line x1=\"\(f(x(0)))\" y1=\"\(y)\" x2=\"\(f(x(ticks.last!)))\" y2=\"\(y)\" stroke=\"#000\"/>"
        for tick in ticks {
            svg += "<line x1=\"\(f(x(tick)))\" y1=\"\(y)\" x2=\"\(f(x(tick)))\" y2=\"\(y + 5)\" stroke=\"#000\"/>"
            svg += "<text x=\"\(f(x(tick)))\" y=\"\(y + 19)\" font-size=\"\(Self.font)\" text-anchor=\"middle\">\(out.axisNumber(tick))</text>"
        }
        return svg
    }

    /// A label near `anchorNear`, kept inside the chart: left-aligned near the left edge,
    /// right-aligned near the right one.
    private func text(_ words: String, x: Double, y: Double, anchorNear: Double, width: Double, fill: String = "#000") -> String {
        let anchor = anchorNear < width * 0.35 ? "start" : anchorNear > width * 0.65 ? "end" : "middle"
        let at = anchor == "start" ? max(x - 2, 2) : anchor == "end" ? min(x + 2, width - 2) : x
        return "<text x=\"\(f(at))\" y=\"\(y)\" font-size=\"\(Self.font)\" text-anchor=\"\(anchor)\" fill=\"\(fill)\">\(htmlEscape(words))</text>"
    }

    private func open(width: Double, height: Double, label: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(htmlEscape(label))\" font-family=\"Times New Roman, Liberation Serif, DejaVu Serif, serif\">"
    }

    private func colour(_ status: TargetStatus) -> String {
        ["achieved": "#2e7d32", "on_track": "#2e7d32", "needs_acceleration": "#f9a825", "too_early": "#0277bd", "manual": "#546e7a"][status.rawValue] ?? "#c62828"
    }

    private func f(_ value: Double) -> String { String(format: "%.1f", value) }
}
