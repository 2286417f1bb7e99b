import Foundation
import Registry

extension Printer {
    func statusWords(_ status: TargetStatus) -> String {
        let words: [String: (String, String)] = [
            "achieved": ("Đã đạt", "Achieved"), "missed": ("Không đạt", "Missed"), "regressing": ("Đang giảm", "Regressing"),
            "on_track": ("Đúng tiến độ", "On track"), "needs_acceleration": ("Cần đẩy nhanh", "Needs acceleration"),
            "too_early": ("Còn sớm để đánh giá", "Too early to tell"), "stalled": ("Chững lại", "Stalled"),
            "manual": ("Ghi nhận thủ công", "Recorded by hand"),
        ]
        return words[status.rawValue].map { text($0.0, $0.1) } ?? status.rawValue
    }

    /// 2, 30, 1.5 — numbers as the plan writes them (Vietnamese decimal comma).
    func number(_ value: Double?) -> String {
        guard let value else { return "—" }
        if value == value.rounded() && abs(value) < 1e15 { return String(Int(value)) }
        let text = String(format: "%.2f", value)
        return vietnamese ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    func goal(_ target: Target) -> String {
        let comparator = target.comparator == .moreThan ? ">" : "≥"
        var goal = "\(comparator) \(number(target.threshold))"
        if let stretch = target.stretch { goal += " (\(number(stretch)))" }
        if target.unit == "percent" { goal += "%" }
        return goal
    }

    func bar(_ progress: TargetProgress, width: Int = 20) -> String {
        guard let value = progress.value else { return String(repeating: "·", count: width) + "    —" }
        let goal = progress.target.smallestMeeting
        let fraction = goal > 0 ? min(1, value / goal) : 1
        let filled = Int((fraction * Double(width)).rounded(.down))
        return String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            + String(format: " %3d%%", Int((fraction * 100).rounded(.down)))
    }

    func json(_ progress: TargetProgress, details: Bool) -> JSON {
        let target = progress.target
        func records(_ list: [CountedRecord]) -> JSON {
            .array(list.map { .object([("key", .string($0.key)), ("label", .string($0.label)), ("date", .string($0.date.description))]) })
        }
        func numberJSON(_ value: Double?) -> JSON {
            guard let value else { return .null }
            return value == value.rounded() && abs(value) < 1e15 ? .int(Int(value)) : .number(value)
        }
        var object = JSON.object([
            ("code", .string(target.code)), ("title", .string(target.title)), ("title_en", .string(target.titleEn)),
            ("comparator", .string(target.comparator.rawValue)), ("threshold", numberJSON(target.threshold)), ("stretch", numberJSON(target.stretch)),
            ("baseline_date", .string(target.baselineDate.description)), ("deadline", .string(target.deadline.description)),
            ("baseline_value", numberJSON(progress.baselineValue)), ("value", numberJSON(progress.value)),
            ("projection", progress.projection.map(JSON.number) ?? .null), ("status", .string(progress.status.rawValue)),
            ("rule", .optional(target.rule)),
        ])
        if target.code == "ip-filings" {
            object = object.adding("figures", .object([("filed", .optional(progress.filed)), ("granted", .optional(progress.granted))]))
        }
        if !target.computed {
            object = object.adding("observed_on", .optional(progress.observedOn?.description)).adding("source", .optional(progress.source))
        }
        if details && target.computed {
            object = object.adding("counted", records(progress.counted)).adding("left", records(progress.left))
        }
        return object
    }
}

/// `progress --json`, written as it comes (contract §8: every command streams): the document
/// `emit(.object([as_of, targets, overdue]))` printed, byte for byte, with each computed
/// target's "counted" and "left" arrays printed record by record from the database.
extension Printer {
    /// `details`: where to read the records from (nil: the figures only).
    func streamJSON(_ progress: [TargetProgress], asOf day: CivilDate, overdue: Int, details plan: PlanProgress?) throws {
        StreamedDocument.write("{\n  \"as_of\": " + JSON.string(day.description).rendered() + ",\n  \"targets\": ")
        var targets = JSONArrayText(level: 2)
        for item in progress {
            // A target object at depth 2: its members at 6 spaces, its closing brace at 4.
            var object = json(item, details: false).rendered(depth: 2)
            if let plan, item.target.computed {
                object.removeLast("\n    }".count)
                StreamedDocument.write(targets.separator() + object + ",\n      \"counted\": ")
                try streamRecords { try plan.eachCounted(item.target.code, on: day, $0) }
                StreamedDocument.write(",\n      \"left\": ")
                try streamRecords { try plan.eachNoLongerCounted(item.target.code, countedOn: item.target.baselineDate, notOn: day, $0) }
                StreamedDocument.write("\n    }")
            } else {
                StreamedDocument.write(targets.separator() + object)
            }
        }
        print(targets.end + ",\n  \"overdue\": \(overdue)\n}")
    }

    /// An array at depth 3 (a target's member), one record object at a time.
    private func streamRecords(_ produce: ((CountedRecord, Int) throws -> Void) throws -> Void) throws {
        var records = JSONArrayText(level: 4)
        try produce { record, _ in
            let object = JSON.object([("key", .string(record.key)), ("label", .string(record.label)), ("date", .string(record.date.description))])
            StreamedDocument.write(records.separator() + object.rendered(depth: 4))
        }
        StreamedDocument.write(records.end)
    }
}

/// `targets list`: every target with its goal, deadline and how it is counted.
extension Printer {
    func json(_ target: Target) -> JSON {
        .object([
            ("code", .string(target.code)), ("title", .string(target.title)), ("title_en", .string(target.titleEn)),
            ("comparator", .string(target.comparator.rawValue)), ("threshold", .number(target.threshold)),
            ("stretch", target.stretch.map(JSON.number) ?? .null), ("unit", .string(target.unit)),
            ("baseline_date", .string(target.baselineDate.description)), ("deadline", .string(target.deadline.description)),
            ("computed", .bool(target.computed)), ("rule", .optional(target.rule)),
            ("counting", .string(target.counting)), ("plan_wording", .string(target.planWording)),
        ])
    }

    func table(_ targets: [Target]) -> String {
        var table = Table([text("Mã", "Code"), text("Chỉ tiêu", "Target"), text("Mục tiêu", "Goal"),
                           text("Hạn", "Deadline"), text("Cách tính", "Counted")])
        for target in targets {
            table.append([target.code, vietnamese ? target.title : target.titleEn, goal(target), date(target.deadline),
                          target.computed ? text("từ sổ đăng ký", "from the registry") + (target.rule.map { " (\($0))" } ?? "")
                                          : text("ghi tay", "by hand")])
        }
        return table.rendered()
    }
}
