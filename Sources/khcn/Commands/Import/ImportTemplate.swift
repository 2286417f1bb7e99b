import ArgumentParser
import Foundation
import Registry

extension ImportCommand {
    struct Template: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: words("In dòng tiêu đề CSV và một dòng ví dụ (--headers vi: tên cột tiếng Việt).", "Print the CSV header (canonical names) and one example row."),
            discussion: HelpText.importColumns)

        @Argument(help: .vi("Loại hồ sơ: enterprises (doanh nghiệp), certificates (giấy chứng nhận), funds (quỹ), fund-allocations (trích lập quỹ), ip (sáng chế, giải pháp hữu ích), ip-fees (phí duy trì), gi (chỉ dẫn địa lý), gi-managers (tổ chức quản lý CDĐL) hoặc gi-users (doanh nghiệp được phép sử dụng CDĐL).", en: "enterprises, certificates, funds, fund-allocations, ip, ip-fees, gi, gi-managers or gi-users.")) var kind: FileKindArgument

        @Option(help: .headers) var headers: CSVHeaders = .canonical
        /// Contract §2: every command takes `--lang`; here it chooses the language of the help.
        @Option(name: .long, help: .lang) var lang: Language?

        func run() throws {
            print(ImportTemplate.csv(kind.kind, headers: headers), terminator: "")
        }
    }
}
