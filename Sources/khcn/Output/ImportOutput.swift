import Foundation
import Registry

extension Printer {
    /// The §6 summary document.
    func json(_ report: ImportReport) -> JSON {
        .object([
            ("valid", .bool(report.valid)),
            ("dry_run", .bool(report.dryRun)),
            ("batch", .optional(report.batch)),
            ("dialect", .object([
                ("encoding", .optional(report.encoding?.rawValue)),
                ("delimiter", .string(String(UnicodeScalar(report.delimiter)))),
                ("bom", .bool(report.bom)),
            ])),
            ("stats", .object([
                ("rows", .int(report.rows)), ("inserted", .int(report.inserted)), ("updated", .int(report.updated)),
                ("unchanged", .int(report.unchanged)), ("rejected", .int(report.rejected)),
            ])),
            ("errors", .array(report.errors.map { problem in
                .object([
                    ("type", .string(problem.kind.rawValue)),
                    ("line", .optional(problem.line)),
                    ("record", .optional(problem.record)),
                    ("field", .optional(problem.field)),
                    ("value", .optional(problem.value)),
                    ("message", .string(problem.english)),
                ])
            })),
            // Contract §6: at most 1,000 errors are listed; this counts the rest.
            ("errors_omitted", .int(report.moreErrors)),
        ])
    }

    /// For people: what was done, then the problems as a table (line, field, value, what is expected).
    func summary(_ report: ImportReport, file: String) {
        let delimiter = report.delimiter == 0x09 ? "tab" : "“\(UnicodeScalar(report.delimiter))”"
        let encoding = report.encoding?.rawValue ?? text("chưa rõ", "unknown")
        say(text("Tệp \(file): bảng mã \(encoding)\(report.bom ? " (có BOM)" : ""), phân cách \(delimiter).",
                 "File \(file): encoding \(encoding)\(report.bom ? " (with BOM)" : ""), delimiter \(delimiter)."))
        var table = Table([text("Dòng", "Rows"), text("Thêm mới", "New"), text("Cập nhật", "Changed"), text("Giữ nguyên", "Unchanged"), text("Bị loại", "Rejected")],
                          rightAligned: [0, 1, 2, 3, 4])
        table.append([report.rows, report.inserted, report.updated, report.unchanged, report.rejected].map { String($0) })
        say(table.rendered())
        if !report.errors.isEmpty {
            say("")
            var problems = Table([text("Dòng", "Line"), text("Lỗi", "Error"), text("Trường", "Field"), text("Giá trị", "Value"), text("Cần sửa", "What is expected")],
                                 rightAligned: [0], wrapped: [3, 4])
            for problem in report.errors.prefix(200) {
                problems.append([problem.line.map(String.init) ?? "—", problem.kind.rawValue, problem.field ?? "—",
                                 (problem.value ?? "—").count > 30 ? String((problem.value ?? "").prefix(29)) + "…" : (problem.value ?? "—"),
                                 vietnamese ? problem.vietnamese : problem.english])
            }
            say(problems.rendered())
            let hidden = report.errors.count - min(report.errors.count, 200) + report.moreErrors
            if hidden > 0 { say(text("… và \(hidden) lỗi khác (xem --report).", "… and \(hidden) more (see --report).")) }
        }
        if report.dryRun {
            if report.valid {
                say(text("Chạy thử: không có lỗi; chưa ghi gì.", "Dry run: no error; nothing written."))
            } else if report.loaded {
                say(text("Chạy thử: \(report.rejected) dòng lỗi, trong giới hạn --max-errors; các dòng đúng sẽ được nhập. Chưa ghi gì.",
                         "Dry run: \(report.rejected) bad row(s), within --max-errors; the good rows would be loaded. Nothing written."))
            } else {
                say(text("Chạy thử: có lỗi; chưa ghi gì.", "Dry run: errors found; nothing written."))
            }
        } else if report.loaded {
            say(text("Đã ghi lô nhập số \(report.batch ?? 0).", "Recorded as batch \(report.batch ?? 0).")
                + (report.rejected > 0 ? text(" Các dòng lỗi không được nhập.", " The bad rows were not loaded.") : ""))
        } else {
            say(text("Không ghi gì: hãy sửa các lỗi trên rồi nhập lại (hoặc dùng --max-errors).",
                     "Nothing written: fix the errors above and import again (or use --max-errors)."))
        }
    }
}

/// `import list`: the batches as the registry describes them (contract §6).
extension Printer {
    func batchTable(_ batches: [JSON]) -> String {
        guard !batches.isEmpty else { return text("Chưa có lô nhập nào.", "No import batch yet.") }
        var table = Table([
            text("Lô", "Batch"), text("Loại", "Kind"), text("Tệp", "File"), text("Lúc", "At"),
            text("Dòng", "Rows"), text("Thêm", "New"), text("Sửa", "Changed"), text("Giữ nguyên", "Same"),
            text("Bị loại", "Rejected"), text("Người nhập", "Actor"), text("Hoàn tác", "Reverted"),
        ], rightAligned: [0, 4, 5, 6, 7, 8])
        for batch in batches {
            guard case .object = batch else { continue }
            table.append([batch.cell("id"), batch.cell("kind"), batch.cell("file_name"), timestamp(batch.cell("imported_at")),
                          batch.cell("rows"), batch.cell("inserted"), batch.cell("updated"), batch.cell("unchanged"),
                          batch.cell("rejected"), batch.cell("actor"),
                          batch.cell("reverted_at") == "—" ? "—" : timestamp(batch.cell("reverted_at"))])
        }
        return table.rendered()
    }
}
