import ArgumentParser
import Registry

extension ProvinceCommand {
    /// `khcn province list` (contract §5, JSON §9): the 34 provinces in force since 1 July 2025,
    /// with the former provinces merged into each and whether the plan's targets are set for it.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: words("34 tỉnh, thành phố: mã, tên, các tỉnh cũ sáp nhập, đã có chỉ tiêu hay chưa.", "The 34 provinces: code, name, former provinces merged into it, whether targets are set."))

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let out = global.printer
            let provinces = try Provinces(try global.openRegistry()).list()
            if out.json {
                out.emit(.array(provinces.map { province in
                    .object([
                        ("code", .string(province.code)),
                        ("name", .string(province.name)),
                        ("former", .array(province.former.map { .string($0.slug) })),
                        ("has_targets", .bool(province.hasTargets)),
                    ])
                }))
                return
            }
            var table = Table([out.text("Mã", "Code"), out.text("Tỉnh, thành phố", "Province"),
                               out.text("Gồm các tỉnh cũ", "Former provinces merged"), out.text("Chỉ tiêu", "Targets")])
            for province in provinces {
                table.append([province.code, province.name, province.former.map(\.name).joined(separator: ", "),
                              province.hasTargets ? out.text("có", "yes") : "—"])
            }
            out.say(table.rendered())
            out.say(out.text("\(provinces.count) tỉnh, thành phố (Quyết định 19/2025/QĐ-TTg, từ 01/07/2025)",
                             "\(provinces.count) provinces (Decision 19/2025/QĐ-TTg, since 1 July 2025)"))
        }
    }
}
