/// The message behind each named constraint of `SQL/`, so that a row refused by the database
/// (whoever wrote it) is explained in the clerk's words. One entry per constraint name.
enum ConstraintCatalogue {
    struct Entry {
        let field: String
        let vi: String
        let en: String
    }

    static func entry(_ constraint: String) -> Entry? { entries[constraint] }

    private static let entries: [String: Entry] = [
        "enterprise_pkey": Entry(
            field: "tax_code",
            vi: "Mã số thuế này đã có trong sổ đăng ký của tỉnh.",
            en: "This tax code is already registered in this province."),
        "enterprise_tax_code_valid": Entry(
            field: "tax_code",
            vi: "Mã số thuế không hợp lệ (10 chữ số với chữ số kiểm tra đúng, hoặc 13 chữ số dạng XXXXXXXXXX-NNN).",
            en: "Invalid tax code (10 digits with a correct check digit, or 13 written XXXXXXXXXX-NNN)."),
        "enterprise_name_length": Entry(
            field: "name", vi: "Tên doanh nghiệp phải có từ 1 đến 400 ký tự.", en: "The name must have 1 to 400 characters."),
        "enterprise_commune_code_format": Entry(
            field: "commune_code", vi: "Mã xã gồm đúng 5 chữ số (danh mục đơn vị hành chính).",
            en: "A commune code is exactly 5 digits (national list of administrative units)."),
        "enterprise_vsic_format": Entry(
            field: "vsic", vi: "Mã ngành VSIC cấp 4 gồm đúng 4 chữ số.", en: "A level-4 VSIC code is exactly 4 digits."),
        "enterprise_vsic_version_known": Entry(
            field: "vsic_version", vi: "Phiên bản VSIC là 2018 hoặc 2025.", en: "The VSIC version is 2018 or 2025."),
        "enterprise_vsic_needs_version": Entry(
            field: "vsic_version", vi: "Có mã ngành thì phải ghi phiên bản VSIC (2018 hoặc 2025).",
            en: "Industry codes need their VSIC version (2018 or 2025)."),
        "enterprise_status_known": Entry(
            field: "status", vi: "Trạng thái là active, suspended hoặc dissolved.", en: "The status is active, suspended or dissolved."),
        "enterprise_former_province_known": Entry(
            field: "former_province", vi: "Tỉnh cũ là tuyen-quang hoặc ha-giang.", en: "The former province is tuyen-quang or ha-giang."),
        "enterprise_province_code_format": Entry(
            field: "province", vi: "Mã tỉnh gồm 2 chữ số (Tuyên Quang là 08).", en: "A province code is 2 digits (Tuyên Quang is 08)."),
        "enterprise_established_plausible": Entry(
            field: "established_on", vi: "Ngày thành lập phải từ 01/01/1900 và không sau hôm nay.",
            en: "The establishment date must be on or after 1900-01-01 and not in the future."),
        "enterprise_status_order": Entry(
            field: "status_on", vi: "Ngày đổi trạng thái không được trước ngày thành lập hoặc trước lần đổi trạng thái trước.",
            en: "A status change cannot be dated before the establishment date or before the previous status change."),
        "enterprise_text_clean": Entry(
            field: "name", vi: "Văn bản không được rỗng sau khi bỏ khoảng trắng.", en: "Text must not be empty after trimming."),
    ]
}
