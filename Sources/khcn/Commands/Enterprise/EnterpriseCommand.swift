import ArgumentParser
import Registry

struct EnterpriseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enterprise", abstract: "The enterprise register (doanh nghiệp).",
        subcommands: [Add.self, Update.self, SetStatus.self, Rekey.self, Delete.self, Show.self, List.self])
}

/// The descriptive fields shared by `enterprise add` and `enterprise update`.
struct EnterpriseFieldOptions: ParsableArguments {
    @Option(help: "Name as on the registration certificate.") var name: String?
    @Option(help: "Establishment date, YYYY-MM-DD.") var established: DateArgument?
    @Option(help: "Address as written on the documents.") var address: String?
    @Option(help: "Commune code (5 digits, national list of administrative units).") var communeCode: String?
    @Option(help: "Legal form, e.g. Công ty TNHH.") var legalForm: String?
    @Option(help: "Level-4 VSIC industry code; repeat for several.") var vsic: [String] = []
    @Option(help: "VSIC version of the codes: 2018 or 2025.") var vsicVersion: VSICVersionArgument?
    @Option(help: "Former province: tuyen-quang or ha-giang.") var formerProvince: FormerProvince?

    func fields() throws(RegistryError) -> EnterpriseFields {
        EnterpriseFields(
            name: name, establishedOn: try established?.date(field: "established_on"), address: address,
            communeCode: communeCode, legalForm: legalForm, vsic: vsic.isEmpty ? nil : vsic,
            vsicVersion: vsicVersion?.rawValue, formerProvince: formerProvince)
    }
}

enum VSICVersionArgument: Int, ExpressibleByArgument, CaseIterable {
    case v2018 = 2018
    case v2025 = 2025
}

extension FormerProvince: ExpressibleByArgument {}
extension EnterpriseStatus: ExpressibleByArgument {}
