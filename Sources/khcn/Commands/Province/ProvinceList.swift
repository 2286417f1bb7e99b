import ArgumentParser
import Registry

extension ProvinceCommand {
    /// `khcn province list` (contract §5, JSON §9): the 34 provinces in force since 1 July 2025,
    /// with the former provinces merged into each and whether the plan's targets are set for it.
    struct List: RegistryCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: words("34 tỉnh, thành phố: mã, tên, các tỉnh cũ sáp nhập, đã có chỉ tiêu hay chưa.", "The 34 provinces: code, name, former provinces merged into it, whether targets are set."))

        @OptionGroup var global: GlobalOptions

        func run() throws {
            try printList({ try Provinces($0).list() }, json: Printer.json, table: Printer.table)
        }
    }
}
