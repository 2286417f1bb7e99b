import Registry

/// `province list` (contract §5, JSON §9).
extension Printer {
    func json(_ province: Province) -> JSON {
        .object([
            ("code", .string(province.code)),
            ("name", .string(province.name)),
            ("former", .array(province.former.map { .string($0.slug) })),
            ("has_targets", .bool(province.hasTargets)),
        ])
    }

    /// The table, and the decision the list comes from under it.
    func table(_ provinces: [Province]) -> String {
        var table = Table([text("Mã", "Code"), text("Tỉnh, thành phố", "Province"),
                           text("Gồm các tỉnh cũ", "Former provinces merged"), text("Chỉ tiêu", "Targets")])
        for province in provinces {
            table.append([province.code, province.name, province.former.map(\.name).joined(separator: ", "),
                          province.hasTargets ? text("có", "yes") : "—"])
        }
        return table.rendered() + "\n" + text("\(provinces.count) tỉnh, thành phố (Quyết định 19/2025/QĐ-TTg, từ 01/07/2025)",
                                              "\(provinces.count) provinces (Decision 19/2025/QĐ-TTg, since 1 July 2025)")
    }
}
