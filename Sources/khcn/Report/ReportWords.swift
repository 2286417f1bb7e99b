import Foundation
import Registry

/// The sentences the HTML and Markdown reports share, so both say the same thing.
extension Printer {
    /// The goal as the plan writes it ("trên 30", "từ 05 trở lên", "ít nhất 05", "02-03"),
    /// taken from the target's `plan_wording` (its one home, `SQL/0011`); in English the
    /// comparator form with the plan's words beside it.
    func planGoal(_ target: Target) -> String {
        guard let words = Self.goalWords(target.planWording) else { return goal(target) }
        return text(words, "\(goal(target)) (“\(words)”)")
    }

    static func goalWords(_ wording: String) -> String? {
        let lower = wording.lowercased()
        let patterns = [#"trên \d+(,\d+)?%?"#, #"ít nhất \d+(,\d+)?%?"#, #"từ \d+(,\d+)?%?"#, #"\d+\s*-\s*\d+%?"#, #"đạt \d+(,\d+)?%?"#, #"\d+(,\d+)?%"#]
        for pattern in patterns {
            guard let range = lower.range(of: pattern, options: .regularExpression) else { continue }
            var words = String(lower[range])
            // "Có từ 05 sáng chế, giải pháp hữu ích trở lên": the plan's "từ … trở lên" around the noun.
            if words.hasPrefix("từ "), lower[range.upperBound...].contains("trở lên") { words += " trở lên" }
            return words
        }
        return nil
    }

    /// Numbers on an axis: integers bare, decimals with at most two places (Vietnamese comma).
    func axisNumber(_ value: Double) -> String {
        if abs(value - value.rounded()) < 1e-9 { return String(Int(value.rounded())) }
        var text = String(format: "%.2f", value)
        while text.hasSuffix("0") { text.removeLast() }
        return vietnamese ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    /// A value with its unit: "3", "0,85%".
    func figure(_ value: Double?, _ target: Target) -> String {
        guard let value else { return "—" }
        return number(value) + (target.unit == "percent" ? "%" : "")
    }

    /// Issue 12: a target shown as missed whose chart reached the goal says why, in one sentence.
    func missedExplanation(_ item: ReportTarget, asOf day: CivilDate) -> String? {
        guard let then = item.metAtDeadline else { return nil }
        let target = item.target
        let lost = then.lost.map { "\($0.key) – \($0.label)" }.joined(separator: "; ")
        return text(
            "Vì sao không đạt dù biểu đồ từng chạm mục tiêu: đến hạn \(date(target.deadline)) đã có \(number(then.value)) (đạt “\(planGoal(target))”), nhưng sau hạn \(then.lost.count) hồ sơ không còn được tính (\(lost)) nên ngày \(date(day)) chỉ còn \(number(item.progress.value)), mà khi đã qua hạn chỉ tiêu được đánh giá theo số liệu tại ngày tính.",
            "Why missed although the chart reached the goal: on the deadline \(date(target.deadline)) the figure was \(number(then.value)) (meeting \(goal(target))), but \(then.lost.count) record(s) stopped counting after it (\(lost)), so on \(date(day)) it is \(number(item.progress.value)), and once the deadline has passed a target is judged on the figure of the as-of date.")
    }

    /// How a hand-recorded figure came in: when it was observed and from where.
    func observation(_ item: ReportTarget) -> String {
        guard let on = item.progress.observedOn else {
            return text("Chưa có số liệu ghi nhận.", "No observation recorded yet.")
        }
        return text("Ghi nhận ngày \(date(on)); nguồn: \(item.progress.source ?? "không ghi").",
                    "Observed on \(date(on)); source: \(item.progress.source ?? "not given").")
    }

    /// Names the rule a list of ip-filings records follows.
    func ruleHeading(_ rule: String, count: Int, active: Bool) -> String {
        let words = rule == "granted"
            ? text("Văn bằng được cấp từ đầu kỳ (quy tắc “granted”)", "Titles granted since the baseline (rule “granted”)")
            : text("Đơn nộp từ đầu kỳ, chưa rút (quy tắc “filed”)", "Applications filed since the baseline, not withdrawn (rule “filed”)")
        return words + ": \(count)" + (active ? text(" — chỉ tiêu đang tính theo quy tắc này", " — the rule the target counts") : "")
    }

    /// What the report reports on: plan 222/KH-UBND for Tuyên Quang, whose targets `SQL/0011`
    /// seeds; for another province, the targets set for it.
    func reportSubject(_ province: ReportProvince) -> String {
        province.code == "08"
            ? text("Kết quả thực hiện các chỉ tiêu của Kế hoạch số 222/KH-UBND ngày 18/12/2024 của UBND tỉnh Tuyên Quang",
                   "Results on the targets of plan 222/KH-UBND of 18/12/2024 of the Tuyen Quang People's Committee")
            : text("Kết quả thực hiện các chỉ tiêu khoa học và công nghệ của \(province.titledVi)", "Results on the S&T targets of \(province.nameEn)")
    }

    /// Where a narrative section goes when `--notes` did not supply it.
    func notesPlaceholder(_ section: ReportNotes.Section) -> String {
        text("(Chưa có nội dung. Viết phần này dưới tiêu đề “## \(section.title.vi)” trong một tệp Markdown và lập lại báo cáo với --notes TỆP.md.)",
             "(Not written yet. Write this section under the heading “## \(section.title.vi)” in a Markdown file and make the report again with --notes FILE.md.)")
    }

    /// The date line of Decree 30/2020/NĐ-CP: days below 10 and months 1 and 2 take a leading zero.
    func placeAndDate(_ place: String, _ day: CivilDate) -> String {
        let dd = day.day < 10 ? String(format: "%02d", day.day) : String(day.day)
        let mm = day.month < 3 ? String(format: "%02d", day.month) : String(day.month)
        return text("\(place), ngày \(dd) tháng \(mm) năm \(day.year)", "\(place), \(day)")
    }
}
