import ArgumentParser
import Registry

/// The descriptive fields shared by `enterprise add` and `enterprise update`; the name is
/// declared by each command, since `add` requires it (contract §5) and `update` does not.
struct EnterpriseFieldOptions: ParsableArguments {
    @Option(help: .vi("Ngày thành lập, dạng YYYY-MM-DD (ví dụ 2019-03-12).", en: "Establishment date, YYYY-MM-DD.")) var established: DateArgument?
    @Option(help: .vi("Địa chỉ như trên giấy tờ.", en: "Address as written on the documents.")) var address: String?
    @Option(help: .vi("Mã xã (5 chữ số, theo danh mục đơn vị hành chính).", en: "Commune code (5 digits, national list of administrative units).")) var communeCode: String?
    @Option(help: .vi("Loại hình, ví dụ Công ty TNHH.", en: "Legal form, e.g. Công ty TNHH.")) var legalForm: String?
    @Option(help: .vi("Mã ngành VSIC cấp 4; nhắc lại cho nhiều mã.", en: "Level-4 VSIC industry code; repeat for several.")) var vsic: [String] = []
    @Option(help: .vi("Phiên bản VSIC của các mã: 2018 hoặc 2025.", en: "VSIC version of the codes: 2018 or 2025.")) var vsicVersion: VSICVersionArgument?
    @Option(help: .vi("Tỉnh cũ: tuyen-quang hoặc ha-giang.", en: "Former province: tuyen-quang or ha-giang.")) var formerProvince: FormerProvince?

    func fields(name: String?) throws(RegistryError) -> EnterpriseFields {
        EnterpriseFields(
            name: name, establishedOn: try established?.date(field: "established_on"), address: address,
            communeCode: communeCode, legalForm: legalForm, vsic: vsic.isEmpty ? nil : vsic,
            vsicVersion: vsicVersion?.rawValue, formerProvince: formerProvince)
    }
}
