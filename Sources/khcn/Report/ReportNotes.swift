import Foundation
import Registry

/// The narrative sections of the yearly report that no register can count (contract §5
/// `--notes`): a Decree 30/2020/NĐ-CP report body assesses, names the difficulties and
/// proposes. A clerk writes them as a small Markdown subset: `##` headings naming the three
/// sections, paragraphs, `-` lists and `**bold**`; everything is HTML-escaped.
struct ReportNotes {
    enum Section: CaseIterable {
        case assessment, difficulties, proposals

        var title: (vi: String, en: String) {
            switch self {
            case .assessment: ("Đánh giá chung", "General assessment")
            case .difficulties: ("Khó khăn, vướng mắc", "Difficulties and obstacles")
            case .proposals: ("Đề xuất, kiến nghị", "Proposals and recommendations")
            }
        }
    }

    enum Block: Equatable {
        case paragraph(String)
        case list([String])
        case subheading(String)
    }

    private(set) var sections: [Section: [Block]] = [:]

    static let empty = ReportNotes()

    func blocks(_ section: Section) -> [Block] { sections[section] ?? [] }

    /// Reads the file named by `--notes`: missing, a directory or unreadable is 66 (contract §3),
    /// checked before the report is written.
    static func read(_ path: String) throws(RegistryError) -> ReportNotes {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
              let data = FileManager.default.contents(atPath: path) else {
            throw RegistryError(.inputFile, type: "file-error", field: "notes", value: path,
                                vi: "Không đọc được tệp ghi chú \(path) (không có, là thư mục hoặc không có quyền đọc).",
                                en: "Cannot read the notes file \(path) (missing, a directory, or not readable).")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw RegistryError.invalid("notes", path, vi: "Tệp ghi chú \(path) không phải văn bản UTF-8.",
                                        en: "The notes file \(path) is not UTF-8 text.")
        }
        return try parse(text, file: path)
    }

    /// Text before the first heading belongs to the general assessment; a `##` heading that
    /// names none of the three sections is refused (65) with its line, so nothing is lost.
    static func parse(_ text: String, file: String) throws(RegistryError) -> ReportNotes {
        var notes = ReportNotes()
        var section = Section.assessment
        var paragraph: [String] = []
        var list: [String] = []
        func flush() {
            if !paragraph.isEmpty { notes.sections[section, default: []].append(.paragraph(paragraph.joined(separator: " "))) }
            if !list.isEmpty { notes.sections[section, default: []].append(.list(list)) }
            paragraph = []
            list = []
        }
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("#") {
                flush()
                let level = line.prefix { $0 == "#" }.count
                let heading = line.dropFirst(level).trimmingCharacters(in: .whitespaces)
                if level >= 3 {
                    notes.sections[section, default: []].append(.subheading(heading))
                    continue
                }
                guard let named = Section.named(heading) else {
                    throw RegistryError.invalid(
                        "notes", heading,
                        vi: "\(file), dòng \(index + 1): mục “\(heading)” không phải một trong ba mục của báo cáo; dùng “## Đánh giá chung”, “## Khó khăn, vướng mắc” hoặc “## Đề xuất, kiến nghị” (mục nhỏ hơn: ###).",
                        en: "\(file), line \(index + 1): section “\(heading)” is not one of the report's three; use “## Đánh giá chung”, “## Khó khăn, vướng mắc” or “## Đề xuất, kiến nghị” (smaller headings: ###).")
                }
                section = named
            } else if line.hasPrefix("- ") || line.hasPrefix("* ") {
                if !paragraph.isEmpty { flush() }
                list.append(String(line.dropFirst(2)).trimmingCharacters(in: .whitespaces))
            } else if line.isEmpty {
                flush()
            } else {
                if !list.isEmpty { flush() }
                paragraph.append(line)
            }
        }
        flush()
        return notes
    }
}

extension ReportNotes.Section {
    /// "Khó khăn, vướng mắc", "KHÓ KHĂN VƯỚNG MẮC", "2. Khó khăn và vướng mắc" and the
    /// English titles all name the same section: compared without case, marks or numbering.
    static func named(_ heading: String) -> Self? {
        let folded = heading.lowercased().replacingOccurrences(of: "đ", with: "d")
            .folding(options: [.diacriticInsensitive], locale: Locale(identifier: "vi"))
        let words = folded.split { !$0.isLetter }.map(String.init)
            .drop { $0.allSatisfy { "ivx".contains($0) } }
            .filter { !["va", "and", "cac"].contains($0) }
        let key = words.joined(separator: " ")
        return allCases.first { section in
            let names = [section.title.vi, section.title.en].map { name in
                name.lowercased().replacingOccurrences(of: "đ", with: "d")
                    .folding(options: [.diacriticInsensitive], locale: Locale(identifier: "vi"))
                    .split { !$0.isLetter }.filter { !["va", "and"].contains($0) }.joined(separator: " ")
            }
            return names.contains(key)
        }
    }
}

/// `**bold**` inside escaped text: the only inline mark the notes take.
func htmlInline(_ text: String) -> String {
    let parts = htmlEscape(text).components(separatedBy: "**")
    var html = ""
    for (index, part) in parts.enumerated() {
        if index % 2 == 1 && index < parts.count - 1 { html += "<b>\(part)</b>" } else { html += (index % 2 == 1 ? "**" : "") + part }
    }
    return html
}

func htmlEscape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
}
