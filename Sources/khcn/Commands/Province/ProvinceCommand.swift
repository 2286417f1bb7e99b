import ArgumentParser

/// `khcn province …`: the national list of provinces that every record's code comes from.
struct ProvinceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "province", abstract: words("Danh mục 34 tỉnh, thành phố.", "The national list of the 34 provinces (tỉnh, thành phố)."),
        subcommands: [List.self])
}
