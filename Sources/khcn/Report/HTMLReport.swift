import Foundation
import Registry

/// The yearly report as one self-contained HTML file laid out as a Vietnamese administrative
/// report (Decree 30/2020/NĐ-CP): issuing body and national motto, number, place and date,
/// title, body, signature block; inline CSS and SVG only, printable on A4.
struct HTMLReport {
    let data: ReportData
    let printer: Printer

    private var out: Printer { printer }

    func render() -> String {
        let province = data.provenance.provinceName ?? data.provenance.provinceCode
        let upperProvince = province.uppercased()
        let day = data.asOf
        return """
        <!DOCTYPE html>
        <html lang="\(out.vietnamese ? "vi" : "en")">
        <head>
        <meta charset="utf-8">
        <title>\(escape(out.text("Báo cáo thực hiện Kế hoạch 222/KH-UBND", "Report on plan 222/KH-UBND"))) — \(day)</title>
        <style>
        @page { size: A4; margin: 20mm 15mm 20mm 30mm; }
        body { font-family: "Times New Roman", "Liberation Serif", "DejaVu Serif", serif; font-size: 13pt; line-height: 1.35; color: #000; max-width: 165mm; margin: 0 auto; }
        .header { display: flex; justify-content: space-between; text-align: center; }
        .header .issuer { width: 40%; }
        .header .motto { width: 58%; }
        .motto b { white-space: nowrap; }
        .issuer { font-size: 12pt; }
        .issuer b, .motto b { display: block; }
        .motto b:first-child { font-size: 12pt; }
        .rule { width: 35%; margin: 2px auto 0; border-top: 1px solid #000; }
        .number-date { display: flex; justify-content: space-between; margin-top: 6px; }
        .number-date .place { font-style: italic; }
        h1 { text-align: center; font-size: 14pt; margin: 18px 0 0; }
        .subtitle { text-align: center; font-weight: bold; margin: 2px 0 14px; }
        h2 { font-size: 13pt; margin: 14px 0 6px; }
        h3 { font-size: 13pt; font-style: italic; margin: 12px 0 4px; }
        p { text-align: justify; margin: 4px 0; text-indent: 1cm; }
        table { border-collapse: collapse; width: 100%; font-size: 11.5pt; margin: 6px 0; }
        th, td { border: 1px solid #000; padding: 3px 5px; vertical-align: top; }
        th { background: #eee; }
        td.n { text-align: right; white-space: nowrap; }
        .status-achieved, .status-on_track { color: #1b5e20; font-weight: bold; }
        .status-needs_acceleration, .status-too_early { color: #8a6d00; font-weight: bold; }
        .status-missed, .status-regressing, .status-stalled { color: #b71c1c; font-weight: bold; }
        .target { break-inside: avoid; page-break-inside: avoid; margin-bottom: 8px; }
        .charts { display: flex; gap: 8px; align-items: flex-start; }
        .records { font-size: 11pt; }
        .signature { display: flex; justify-content: space-between; margin-top: 24px; break-inside: avoid; }
        .recipients { font-size: 11pt; width: 45%; }
        .recipients b { font-style: italic; font-size: 12pt; }
        .signer { width: 45%; text-align: center; }
        .signer .space { height: 70px; }
        footer { margin-top: 20px; border-top: 1px solid #999; font-size: 9.5pt; color: #333; }
        footer p { text-indent: 0; }
        </style>
        </head>
        <body>
        <div class="header">
          <div class="issuer">\(out.text("UBND TỈNH \(escape(upperProvince))", "PEOPLE'S COMMITTEE OF \(escape(upperProvince))"))<b>\(out.text("SỞ KHOA HỌC VÀ CÔNG NGHỆ", "DEPARTMENT OF SCIENCE AND TECHNOLOGY"))</b><div class="rule"></div></div>
          <div class="motto"><b>\(out.text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM"))</b><b>\(out.text("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"))</b><div class="rule"></div></div>
        </div>
        <div class="number-date">
          <div>\(out.text("Số: &nbsp;&nbsp;&nbsp;&nbsp;&nbsp;/BC-SKHCN", "No.: &nbsp;&nbsp;&nbsp;&nbsp;&nbsp;/BC-SKHCN"))</div>
          <div class="place">\(escape(out.text("\(province), ngày \(String(format: "%02d", day.day)) tháng \(String(format: "%02d", day.month)) năm \(day.year)", "\(province), \(day)")))</div>
        </div>
        <h1>\(out.text("BÁO CÁO", "REPORT"))</h1>
        <div class="subtitle">\(escape(out.text("Kết quả thực hiện các chỉ tiêu của Kế hoạch số 222/KH-UBND ngày 18/12/2024 của UBND tỉnh (số liệu tính đến ngày \(out.date(day)))", "Results on the targets of plan 222/KH-UBND of 18/12/2024 (figures as of \(out.date(day)))")))</div>
        \(summary())
        <h2>\(out.text("II. KẾT QUẢ TỪNG CHỈ TIÊU", "II. TARGET BY TARGET"))</h2>
        \(data.targets.filter { $0.target.computed }.enumerated().map { targetSection($0.offset + 1, $0.element) }.joined(separator: "\n"))
        <h2>\(out.text("III. CÁC CHỈ TIÊU GHI NHẬN THỦ CÔNG", "III. TARGETS RECORDED BY HAND"))</h2>
        \(manualTable())
        <div class="signature">
          <div class="recipients"><b>\(out.text("Nơi nhận:", "To:"))</b><br>- \(out.text("UBND tỉnh (b/c)", "Provincial People's Committee"));<br>- \(out.text("Bộ Khoa học và Công nghệ", "Ministry of Science and Technology"));<br>- \(out.text("Lưu: VT", "File"))</div>
          <div class="signer"><b>\(out.text("GIÁM ĐỐC", "DIRECTOR"))</b><br><i>\(out.text("(Ký, ghi rõ họ tên và đóng dấu)", "(Signature, full name and seal)"))</i><div class="space"></div></div>
        </div>
        <footer>
        <p>\(escape(out.text("Số liệu tính đến ngày \(out.date(day)); lập lúc \(data.provenance.generatedAt) từ sổ đăng ký khcn, tỉnh \(data.provenance.provinceCode), phiên bản lược đồ \(data.provenance.schemaVersion). Lập lại đúng báo cáo này: khcn report --as-of \(day) --format html --output FILE.", "Figures as of \(day); generated \(data.provenance.generatedAt) from the khcn registry, province \(data.provenance.provinceCode), schema version \(data.provenance.schemaVersion). Regenerate this report: khcn report --as-of \(day) --format html --output FILE.")))</p>
        <p class="seal">\(escape(sealLine()))</p>
        <p>\(escape(out.text("Cách tính trạng thái: quy tắc đầu tiên thỏa mãn — đến hạn: đạt/không đạt; đã đạt; giảm so với đầu kỳ; tăng và dự báo tuyến tính đến hạn đạt mục tiêu (hoặc mức tăng ≥ 95% tỷ lệ thời gian đã qua): đúng tiến độ; tăng nhưng chưa đủ: cần đẩy nhanh; đã qua dưới 25% thời gian: còn sớm; còn lại: chững lại.", "Status: first rule that applies — deadline passed: achieved/missed; met: achieved; below baseline: regressing; rising and a linear projection meets the target (or the gain is ≥ 95% of the elapsed share): on track; rising: needs acceleration; under 25% of the period elapsed: too early; otherwise stalled.")))</p>
        </footer>
        </body>
        </html>

        """
    }

    /// Contract §9: the latest seal's hash and time, and how many audit rows came after it, so
    /// that `khcn audit verify --seal HASH` can later prove the trail as it stood.
    private func sealLine() -> String {
        guard let latest = data.seal else {
            return out.text("Nhật ký kiểm toán chưa được niêm phong (khcn audit seal).", "The audit trail has not been sealed yet (khcn audit seal).")
        }
        return out.text(
            "Niêm phong nhật ký mới nhất: \(latest.seal.hash), lúc \(out.timestamp(latest.seal.sealedAt)); \(latest.rowsAfter) dòng nhật ký ghi sau đó. Kiểm tra: khcn audit verify --seal \(latest.seal.hash)",
            "Latest audit seal: \(latest.seal.hash), at \(latest.seal.sealedAt); \(latest.rowsAfter) audit rows written after it. Check: khcn audit verify --seal \(latest.seal.hash)")
    }

    private func summary() -> String {
        var rows = ""
        for item in data.targets {
            var value = out.number(item.value)
            if item.target.unit == "percent", item.value != nil { value += "%" }
            if item.target.code == "ip-filings" {
                value += out.text(" (nộp đơn; \(item.granted ?? 0) văn bằng)", " (filed; \(item.granted ?? 0) granted)")
            }
            rows += """
            <tr><td>\(escape(out.vietnamese ? item.target.title : item.target.titleEn))</td><td class="n">\(escape(out.goal(item.target)))</td>
            <td class="n">\(escape(out.number(item.baselineValue)))</td><td class="n">\(escape(value))</td><td class="n">\(escape(out.date(item.target.deadline)))</td>
            <td class="status-\(item.status)">\(escape(out.statusWords(item.status)))</td></tr>

            """
        }
        let computed = data.targets.filter { $0.target.computed }
        let good = computed.filter { ["achieved", "on_track"].contains($0.status) }.count
        return """
        <h2>\(out.text("I. TÌNH HÌNH CHUNG", "I. OVERVIEW"))</h2>
        <p>\(escape(out.text("Trong \(computed.count) chỉ tiêu được tính trực tiếp từ sổ đăng ký, \(good) chỉ tiêu đã đạt hoặc đúng tiến độ. Mỗi con số dưới đây kèm danh sách hồ sơ được tính để có thể kiểm tra lại.", "Of the \(computed.count) targets counted from the registry, \(good) are achieved or on track. Every number below comes with the list of records it counts, so that it can be checked.")))</p>
        <table>
        <tr><th>\(out.text("Chỉ tiêu", "Target"))</th><th>\(out.text("Mục tiêu", "Goal"))</th><th>\(out.text("Đầu kỳ", "Baseline"))</th><th>\(out.text("Hiện tại", "Now"))</th><th>\(out.text("Hạn", "Deadline"))</th><th>\(out.text("Đánh giá", "Status"))</th></tr>
        \(rows)</table>
        """
    }

    private func targetSection(_ index: Int, _ item: TargetProgress) -> String {
        let target = item.target
        var figures = out.text("Đầu kỳ (\(out.date(target.baselineDate))): \(out.number(item.baselineValue)); hiện tại: \(out.number(item.value)); mục tiêu: \(out.goal(target)) trước \(out.date(target.deadline)).",
                               "Baseline (\(out.date(target.baselineDate))): \(out.number(item.baselineValue)); now: \(out.number(item.value)); goal: \(out.goal(target)) by \(out.date(target.deadline)).")
        if let projection = item.projection {
            figures += out.text(" Dự báo tuyến tính đến hạn: \(out.number((projection * 10).rounded() / 10)).", " Linear projection at the deadline: \(out.number((projection * 10).rounded() / 10)).")
        }
        if target.code == "ip-filings" {
            figures += out.text(" Đơn nộp: \(item.filed ?? 0); văn bằng được cấp: \(item.granted ?? 0) (chỉ tiêu đang tính theo “\(target.rule ?? "filed")”).",
                                " Filed: \(item.filed ?? 0); granted: \(item.granted ?? 0) (counting “\(target.rule ?? "filed")”).")
        }
        var records = "<table class=\"records\"><tr><th>\(out.text("Mã", "Key"))</th><th>\(out.text("Hồ sơ", "Record"))</th><th>\(out.text("Ngày được tính", "Counted from"))</th></tr>"
        for record in item.counted {
            records += "<tr><td>\(escape(record.key))</td><td>\(escape(record.label))</td><td class=\"n\">\(escape(out.date(record.date)))</td></tr>"
        }
        if item.counted.isEmpty { records += "<tr><td colspan=\"3\"><i>\(out.text("Chưa có hồ sơ nào.", "None yet."))</i></td></tr>" }
        records += "</table>"
        if !item.left.isEmpty {
            records += "<p>\(out.text("Được tính ở đầu kỳ nhưng nay không còn:", "Counted at the baseline, no longer counted:")) "
                + item.left.map { escape("\($0.key) — \($0.label)") }.joined(separator: "; ") + ".</p>"
        }
        return """
        <div class="target">
        <h3>\(index). \(escape(out.vietnamese ? target.title : target.titleEn)) — <span class="status-\(item.status)">\(escape(out.statusWords(item.status)))</span></h3>
        <p>\(escape(figures))</p>
        <div class="charts">\(progressChart(item))\(yearlyChart(item))</div>
        <p><i>\(escape(out.text("Cách tính: ", "Counting rule: ") + target.counting))</i></p>
        \(records)
        </div>
        """
    }

    private func manualTable() -> String {
        var rows = ""
        for item in data.targets where !item.target.computed {
            rows += "<tr><td>\(escape(out.vietnamese ? item.target.title : item.target.titleEn))</td><td class=\"n\">\(escape(out.goal(item.target)))</td>"
                + "<td class=\"n\">\(escape(out.number(item.value)))</td><td class=\"n\">\(escape(out.date(item.observedOn)))</td><td>\(escape(item.source ?? "—"))</td></tr>"
        }
        return """
        <table>
        <tr><th>\(out.text("Chỉ tiêu", "Target"))</th><th>\(out.text("Mục tiêu", "Goal"))</th><th>\(out.text("Giá trị ghi nhận", "Observed"))</th><th>\(out.text("Ngày", "On"))</th><th>\(out.text("Nguồn", "Source"))</th></tr>
        \(rows)</table>
        """
    }

    /// Value against threshold and stretch, as one horizontal bar.
    private func progressChart(_ item: TargetProgress) -> String {
        let target = item.target
        let goal = Printer.smallestMeeting(target)
        let value = item.value ?? 0
        let scale = max(goal, target.stretch ?? 0, value, 1) * 1.15
        let width = 300.0, left = 10.0, barWidth = width - 2 * left
        func x(_ v: Double) -> Double { left + barWidth * v / scale }
        let colour = ["achieved": "#2e7d32", "on_track": "#2e7d32", "needs_acceleration": "#f9a825", "too_early": "#0277bd"][item.status] ?? "#c62828"
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"74\" viewBox=\"0 0 \(Int(width)) 74\" role=\"img\" aria-label=\"\(escape(target.code))\">"
        svg += "<rect x=\"\(left)\" y=\"22\" width=\"\(barWidth)\" height=\"18\" fill=\"#eee\" stroke=\"#999\"/>"
        svg += "<rect x=\"\(left)\" y=\"22\" width=\"\(String(format: "%.1f", x(value) - left))\" height=\"18\" fill=\"\(colour)\"/>"
        svg += marker(x(goal), label: out.text("mục tiêu ", "goal ") + out.number(goal), y: 16)
        if let stretch = target.stretch { svg += marker(x(stretch), label: out.text("phấn đấu ", "stretch ") + out.number(stretch), y: 60) }
        svg += "<text x=\"\(left)\" y=\"12\" font-size=\"10\">\(escape(out.text("Hiện tại: ", "Now: ") + out.number(item.value)))</text>"
        svg += "</svg>"
        return svg
    }

    private func marker(_ x: Double, label: String, y: Double) -> String {
        "<line x1=\"\(String(format: "%.1f", x))\" y1=\"18\" x2=\"\(String(format: "%.1f", x))\" y2=\"44\" stroke=\"#000\" stroke-width=\"2\"/>"
            + "<text x=\"\(String(format: "%.1f", min(x, 240)))\" y=\"\(y == 16 ? 56 : 70)\" font-size=\"10\">\(escape(label))</text>"
    }

    /// The count year by year since the baseline, with the goal as a dashed line.
    private func yearlyChart(_ item: TargetProgress) -> String {
        guard !item.yearly.isEmpty else { return "" }
        let goal = Printer.smallestMeeting(item.target)
        let top = max(goal, item.yearly.map(\.value).max() ?? 0, 1) * 1.15
        let width = 220.0, height = 100.0, base = 80.0, plot = 68.0
        let slot = (width - 20) / Double(item.yearly.count)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\">"
        svg += "<line x1=\"10\" y1=\"\(base)\" x2=\"\(width - 10)\" y2=\"\(base)\" stroke=\"#000\"/>"
        let goalY = base - plot * goal / top
        svg += "<line x1=\"10\" y1=\"\(String(format: "%.1f", goalY))\" x2=\"\(width - 10)\" y2=\"\(String(format: "%.1f", goalY))\" stroke=\"#c62828\" stroke-dasharray=\"4 3\"/>"
        for (index, point) in item.yearly.enumerated() {
            let barHeight = plot * point.value / top
            let x = 10 + slot * Double(index) + slot * 0.2
            svg += "<rect x=\"\(String(format: "%.1f", x))\" y=\"\(String(format: "%.1f", base - barHeight))\" width=\"\(String(format: "%.1f", slot * 0.6))\" height=\"\(String(format: "%.1f", barHeight))\" fill=\"#546e7a\"/>"
            svg += "<text x=\"\(String(format: "%.1f", x))\" y=\"\(String(format: "%.1f", base - barHeight - 2))\" font-size=\"9\">\(escape(out.number(point.value)))</text>"
            svg += "<text x=\"\(String(format: "%.1f", x))\" y=\"94\" font-size=\"9\">\(point.year)</text>"
        }
        svg += "</svg>"
        return svg
    }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
