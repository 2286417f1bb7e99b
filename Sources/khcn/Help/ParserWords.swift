import ArgumentParser
import Foundation
import Registry

/// swift-argument-parser writes its help screens and parse errors in English. People get them
/// in Vietnamese (contract §2): the generated parts are few and fixed, so a small table of
/// patterns turns them into Vietnamese; `--json` keeps the English message (§2: no localisation).
enum ParserWords {
    /// (English pattern, Vietnamese template), applied in order to every line.
    private static let table: [(NSRegularExpression, String)] = [
        // Errors (contract §3: all of them exit 64).
        (#"Missing expected argument '(-[^']*)'"#, "Thiếu tùy chọn bắt buộc '$1'"),
        (#"Missing expected argument '([^']*)'"#, "Thiếu tham số bắt buộc '$1'"),
        (#"Missing one of: (.*)$"#, "Thiếu một trong: $1"),
        (#"Unknown option '([^']*)'. Did you mean '([^']*)'\?"#, "Không có tùy chọn '$1'. Có phải ý bạn là '$2'?"),
        (#"Unknown option '([^']*)'"#, "Không có tùy chọn '$1'"),
        (#"Unexpected argument '([^']*)'"#, "Thừa tham số '$1' (lệnh không nhận tham số này)"),
        (#"([0-9]+) unexpected arguments: (.*)$"#, "Thừa $1 tham số: $2"),
        (#"Missing value for '([^']*)'"#, "Thiếu giá trị cho '$1'"),
        (#"The value '(.*)' is invalid for '([^']*)'"#, "Giá trị '$1' không hợp lệ cho '$2'"),
        (#"The value '(.*)' is invalid\."#, "Giá trị '$1' không hợp lệ."),
        (#"\. Please provide one of the following:"#, ". Hãy dùng một trong các giá trị:"),
        (#"\. Please provide one of (.*)\.$"#, ". Hãy dùng một trong: $1."),
        (#"The option '([^']*)' does not take any value, but '(.*)' was specified\."#, "Tùy chọn '$1' không nhận giá trị, nhưng lại được cho '$2'."),
        (#"Value to be set with (.*) had already been set with (.*)$"#, "Giá trị của $1 đã được đặt bởi $2"),
        (#"Missing required subcommand\."#, "Thiếu lệnh con."),
        (#"^Help:  "#, "Hướng dẫn: "),
        (#"^Usage: "#, "Cách dùng: "),
        (#"^  See '(.*)' for more information\."#, "  Xem hướng dẫn: $1"),
        // Help screens.
        (#"^OVERVIEW: "#, "TỔNG QUAN: "),
        (#"^USAGE: "#, "CÁCH DÙNG: "),
        (#"^ARGUMENTS:$"#, "THAM SỐ:"),
        (#"^OPTIONS:$"#, "TÙY CHỌN:"),
        (#"^SUBCOMMANDS:$"#, "CÁC LỆNH:"),
        (#"Show help information\."#, "Xem hướng dẫn này."),
        (#"\(values: "#, "(giá trị: "),
        (#"\(values:$"#, "(giá trị:"),
        (#"; default: "#, "; mặc định: "),
        (#"\(default: "#, "(mặc định: "),
        (#"^( +)default: "#, "$1mặc định: "),   // "; default:" wrapped onto the next line
        (#"^(  [a-z-]+) \(default\) "#, "$1 (mặc định)"),
        (#"See '(.*)' for detailed help\."#, "Xem hướng dẫn từng lệnh: $1"),
        (#"<subcommand>"#, "<lệnh>"),
        (#"\[<options>\]"#, "[<tùy chọn>]"),
    ].map { (try! NSRegularExpression(pattern: $0.0, options: [.anchorsMatchLines]), $0.1) }

    /// The parser's English text (a help screen or an error with its usage lines) in Vietnamese.
    static func vietnamese(_ english: String) -> String {
        var text = english
        for problem in UsageProblem.allCases { text = text.replacingOccurrences(of: problem.english, with: problem.vietnamese) }
        for (pattern, template) in table {
            let range = NSRange(text.startIndex..., in: text)
            text = pattern.stringByReplacingMatches(in: text, range: range, withTemplate: template)
        }
        // The 'and'/'or' of "Please provide one of 'a', 'b' or 'c'".
        return text.replacingOccurrences(of: "' and '", with: "' và '").replacingOccurrences(of: "' or '", with: "' hoặc '")
    }

    /// The parser's text in the language of this run.
    static func localised(_ english: String) -> String {
        Language.ofThisRun == .vietnamese ? vietnamese(english) : english
    }

    /// `khcn frobnicate` or `khcn enterprise frob`: a word where a command goes that names no
    /// command. The parser calls it an "unexpected argument"; a clerk needs the list of commands.
    static func unknownCommand(in arguments: [String]) -> RegistryError? {
        var command: ParsableCommand.Type = Khcn.self
        var path = ["khcn"]
        for argument in arguments {
            let configuration = command.configuration
            let subcommands: [ParsableCommand.Type] = configuration.subcommands
            if argument.hasPrefix("-") || subcommands.isEmpty { return nil }
            if let next = subcommands.first(where: { $0._commandName == argument }) {
                command = next
                path.append(argument)
                continue
            }
            if argument == "help" || configuration.defaultSubcommand != nil { return nil }
            let names = subcommands.map { $0._commandName }.joined(separator: ", ")
            let full = path.joined(separator: " ")
            return RegistryError(
                .usage, type: "usage-error", value: argument,
                vi: "Không có lệnh “\(argument)”. Các lệnh của \(full): \(names). Xem hướng dẫn: \(full) --help",
                en: "Unknown command '\(argument)'. The commands of \(full) are: \(names). See '\(full) --help'.")
        }
        return nil
    }
}

/// What a command's `validate()` refuses (exit 64): the English goes to `--json` and
/// `--lang en`, the Vietnamese to everyone else.
enum UsageProblem: CaseIterable {
    case limitNotPositive
    case maxErrorsNegative
    case applicantMissing
    case grantNumberMissing
    case grantNumberWithoutGrant
    case sealNotHash
    case feeYearMissing
    case feeYearWithoutPayment
    case withinNegative
    case watchLimitNegative

    var english: String {
        switch self {
        case .limitNotPositive: "--limit must be a positive number"
        case .maxErrorsNegative: "--max-errors must be 0 or more"
        case .applicantMissing: "Give --applicant-tax-code or --applicant-name"
        case .grantNumberMissing: "--event granted needs --grant-number"
        case .grantNumberWithoutGrant: "--grant-number goes only with --event granted"
        case .sealNotHash: "--seal takes a SHA-256 hash of 64 hexadecimal digits, not"
        case .feeYearMissing: "--event fee-paid needs --year (repeat it for several years)"
        case .feeYearWithoutPayment: "--year goes only with --event fee-paid"
        case .withinNegative: "--within is a number of days, 0 or more"
        case .watchLimitNegative: "--limit is a number, 0 or more"
        }
    }

    var vietnamese: String {
        switch self {
        case .limitNotPositive: "--limit phải là một số nguyên dương (ví dụ --limit 100)"
        case .maxErrorsNegative: "--max-errors phải là 0 hoặc một số nguyên dương"
        case .applicantMissing: "Cần --applicant-tax-code (chủ đơn là doanh nghiệp đã đăng ký) hoặc --applicant-name (tên chủ đơn)"
        case .grantNumberMissing: "--event granted cần kèm --grant-number (số bằng, ví dụ 1-0026606)"
        case .grantNumberWithoutGrant: "--grant-number chỉ dùng cùng --event granted"
        case .sealNotHash: "--seal cần một mã niêm phong SHA-256 gồm 64 chữ số thập lục phân (0–9, a–f), không phải"
        case .feeYearMissing: "--event fee-paid cần kèm --year (năm hiệu lực đã nộp phí; nhắc lại cho nhiều năm)"
        case .feeYearWithoutPayment: "--year chỉ dùng cùng --event fee-paid"
        case .withinNegative: "--within là số ngày, từ 0 trở lên (ví dụ --within 30)"
        case .watchLimitNegative: "--limit là một số, từ 0 trở lên"
        }
    }

    var error: ValidationError { ValidationError(english) }

    /// The problem followed by the value refused: `--seal … not “abc”`.
    func error(_ value: String) -> ValidationError { ValidationError(english + " “\(value)”") }
}
