import ArgumentParser
import Registry

/// `khcn watch`: the obligations the records imply, overdue on a date or due within a window
/// (contract §10). `--json` streams the items one by one, so the full list stays in flat memory.
struct WatchCommand: RegistryCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch", abstract: words("Việc cần xử lý: các hạn đã quá và sắp đến mà hồ sơ đặt ra.", "What needs a clerk's action: overdue and upcoming deadlines."))

    @Option(help: .vi("Xem tính đến ngày này, dạng YYYY-MM-DD (mặc định hôm nay).", en: "The date to look from, YYYY-MM-DD (default today).")) var asOf: DateArgument?
    @Option(help: .vi("Số ngày tới cần tính (mặc định 90).", en: "Days ahead to include (default 90).")) var within: Int = 90
    @Option(help: .vi("Chỉ ip (sáng chế, giải pháp hữu ích), fund (quỹ) hoặc gi (chỉ dẫn địa lý).", en: "Only ip, fund or gi.")) var kind: WatchList.Kind?
    @Option(help: .vi("Chỉ hiện N việc đầu tiên.", en: "Show only the first N items.")) var limit: Int?
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if within < 0 { throw UsageProblem.withinNegative.error }
        if let limit, limit < 0 { throw UsageProblem.watchLimitNegative.error }
    }

    func run() throws {
        let (out, session) = try openForReading()
        let day = try asOf?.date(field: "as_of") ?? session.today
        let list = WatchList(session)
        let english = !out.vietnamese
        if out.json {
            StreamedDocument.write("{\n  \"as_of\": \"\(day.description)\",\n  \"items\": ")
            var items = JSONArrayText(level: 2)   // the items are two levels in
            try list.each(asOf: day, within: within, kind: kind, limit: limit, english: english) { item in
                StreamedDocument.write(items.separator() + out.json(item).rendered(depth: 2))
            }
            print(items.end + "\n}")
            return
        }
        out.say(out.watchHeading(day, within: within))
        try out.watchTable { body throws(RegistryError) in
            try list.each(asOf: day, within: within, kind: kind, limit: limit, english: english, body)
        }
    }
}
