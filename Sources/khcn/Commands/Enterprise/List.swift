import ArgumentParser
import Registry

extension EnterpriseCommand {
    struct List: RegistryCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: words("Danh sách doanh nghiệp theo tên; tìm kiếm không phân biệt hoa thường, có dấu hay không.",
                                                       "List enterprises, sorted by name; search ignores case and diacritics."),
            discussion: HelpText.enterpriseList)

        @Option(help: .vi("Một phần tên (gõ `tan trao` tìm được `Tân Trào`) hoặc phần đầu mã số thuế.", en: "Part of the name (`tan trao` finds `Tân Trào`) or the start of a tax code.")) var search: String?
        @Option(help: .vi("active (hoạt động), suspended (tạm ngừng) hoặc dissolved (giải thể).", en: "active, suspended or dissolved.")) var status: EnterpriseStatus?
        @Option(help: .vi("Chỉ các doanh nghiệp có mã xã này, ví dụ 02242.", en: "Only enterprises with this commune code (mã xã), e.g. 02242.")) var commune: String?
        @Option(help: .vi("Một phần địa chỉ, không phân biệt hoa thường, có dấu hay không (`minh xuan` tìm được `phường Minh Xuân`).", en: "Part of the address, ignoring case and diacritics (`minh xuan` finds `phường Minh Xuân`).")) var address: String?
        @Option(help: .vi("Số dòng tối đa (mặc định 50).", en: "At most this many rows (default 50).")) var limit: Int = 50
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            guard limit > 0 else { throw UsageProblem.limitNotPositive.error }
        }

        /// Contract §8: every list streams. Each enterprise is printed as it comes (the JSON
        /// array element by element, exactly as `emit(.array(…))` printed it whole; the table by
        /// `StreamingTable`), then the line saying how many match.
        func run() throws {
            let (out, session) = try openForReading()
            var table = StreamingTable(out.enterpriseTable(), emit: out.say)
            var count = 0
            var array = JSONArrayText(level: 1)
            let total = try EnterpriseRegister(session).each(search: search, status: status, commune: commune, address: address, limit: limit) { enterprise in
                if out.json {
                    StreamedDocument.write(array.separator() + out.json(enterprise).rendered(depth: 1))
                } else {
                    table.append(out.row(enterprise))
                }
                count += 1
            }
            if out.json {
                print(array.end)
            } else if count == 0 {
                out.say(out.text("Không có doanh nghiệp nào phù hợp.", "No enterprise matches."))
            } else {
                table.finish()
                out.say(out.shown(count, of: total, noun: ("doanh nghiệp", "enterprise(s)")))
            }
        }
    }
}
