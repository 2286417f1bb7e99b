import ArgumentParser
import Registry

/// The longer help texts (what a command is for, with examples a clerk can copy), kept out of
/// the command files. Each is in the language of this run.
enum HelpText {
    static let root = words("""
        Sổ đăng ký khoa học và công nghệ của tỉnh: doanh nghiệp, giấy chứng nhận doanh nghiệp \
        KH&CN, quỹ phát triển KH&CN, sáng chế và giải pháp hữu ích, chỉ dẫn địa lý, chỉ tiêu \
        của Kế hoạch 222/KH-UBND.

        Ví dụ:
          khcn enterprise add --tax-code 0101248141 --name "Công ty TNHH Tân Trào"
          khcn enterprise list --search "tan trao"
          khcn import enterprises doanh-nghiep.csv --dry-run
          khcn progress

        Hướng dẫn từng lệnh: khcn <lệnh> --help (ví dụ khcn enterprise add --help).
        Thêm --lang en để xem bằng tiếng Anh; thêm --json để in JSON cho phần mềm khác.
        """, """
        The province's science and technology registry: enterprises, S&T enterprise \
        certificates, S&T development funds, inventions and utility solutions, geographical \
        indications, and the targets of plan 222/KH-UBND.

        Examples:
          khcn enterprise add --tax-code 0101248141 --name "Công ty TNHH Tân Trào"
          khcn enterprise list --search "tan trao"
          khcn import enterprises enterprises.csv --dry-run
          khcn progress

        Help on a command: khcn <command> --help (e.g. khcn enterprise add --help).
        Human output is Vietnamese unless --lang en; --json prints JSON for scripts.
        """)

    static let enterpriseAdd = words("""
        Bắt buộc: --tax-code và --name. Mã số thuế gồm 10 chữ số, hoặc 13 chữ số viết \
        XXXXXXXXXX-NNN cho đơn vị phụ thuộc; dấu cách và dấu chấm được bỏ qua.

        Ví dụ:
          khcn enterprise add --tax-code 0101248141 --name "Công ty TNHH Tân Trào"
          khcn enterprise add --tax-code 0101248141 --name "Công ty TNHH Tân Trào" \\
            --established 2019-03-12 --vsic 7210 --former-province ha-giang
        """, """
        Required: --tax-code and --name. A tax code is 10 digits, or 13 written \
        XXXXXXXXXX-NNN for a dependent unit; spaces and dots are ignored.

        Example:
          khcn enterprise add --tax-code 0101248141 --name "Công ty TNHH Tân Trào"
          khcn enterprise add --tax-code 0101248141 --name "Công ty TNHH Tân Trào" \\
            --established 2019-03-12 --vsic 7210 --former-province ha-giang
        """)

    static let enterpriseDelete = words("""
        Bắt buộc: --reason. Không xóa được khi còn giấy chứng nhận, quỹ hay đơn gắn với doanh nghiệp.

        Ví dụ:
          khcn enterprise delete 0101248141 --reason "Nhập trùng"
        """, """
        Required: --reason. Refused while certificates, funds or applications point at the enterprise.

        Example:
          khcn enterprise delete 0101248141 --reason "Entered twice"
        """)

    static let enterpriseRekey = words("""
        Bắt buộc: --reason.

        Ví dụ:
          khcn enterprise rekey 0101248142 0101248141 --reason "Nhập sai một chữ số"
        """, """
        Required: --reason.

        Example:
          khcn enterprise rekey 0101248142 0101248141 --reason "One digit mistyped"
        """)

    static let enterpriseSetStatus = words("""
        Ví dụ:
          khcn enterprise set-status 0101248141 suspended --on 2025-03-01
        """, """
        Example:
          khcn enterprise set-status 0101248141 suspended --on 2025-03-01
        """)

    static let enterpriseShow = words("Ví dụ:\n  khcn enterprise show 0101248141", "Example:\n  khcn enterprise show 0101248141")

    static let enterpriseList = words("""
        Ví dụ:
          khcn enterprise list --search "tan trao" --status active --limit 100
        """, """
        Example:
          khcn enterprise list --search "tan trao" --status active --limit 100
        """)

    static let history = words("""
        Khóa là mã số thuế, số giấy chứng nhận, số đơn hoặc số văn bằng chỉ dẫn địa lý; mã số \
        thuế cho cả doanh nghiệp và các quỹ của doanh nghiệp.

        Ví dụ:
          khcn history 0101248141
        """, """
        The key is a tax code, a certificate number, an application number or a GI certificate \
        number; a tax code gives the enterprise and its funds.

        Example:
          khcn history 0101248141
        """)
}

extension HelpText {
    static let userAdd = words("""
        Mật khẩu không bao giờ ghi trên dòng lệnh: khcn hỏi hai lần (không hiện ký tự), hoặc đọc \
        dòng đầu của đầu vào chuẩn với --password-stdin.

        Ví dụ:
          khcn user add nguyenvana --role clerk --full-name "Nguyễn Văn A" --province 08
        """, """
        A password is never a command-line value: khcn asks twice (without echo), or reads the \
        first line of standard input with --password-stdin.

        Example:
          khcn user add nguyenvana --role clerk --full-name "Nguyễn Văn A" --province 08
        """)

    static let personErase = words("""
        Quyền được xóa dữ liệu cá nhân (Luật 91/2025/QH15): tên được thay bằng bí danh ở nơi duy \
        nhất lưu nó, nên không còn trong bảng, nhật ký hay dòng nhập nào; các dấu niêm phong vẫn \
        khớp. Bắt buộc: --reason.

        Ví dụ:
          khcn person erase 12 --reason "Chủ thể dữ liệu yêu cầu xóa"
        """, """
        The right to erasure (Law 91/2025/QH15): the name becomes a pseudonym in the one place it \
        is held, so no table, audit image or import row holds it; every seal still holds. \
        Required: --reason.

        Example:
          khcn person erase 12 --reason "The data subject asked for erasure"
        """)

    /// The columns import reads for each kind, with the Vietnamese names it accepts (contract §6).
    static var importColumns: String {
        let kinds = RecordKind.allCases.compactMap { kind in kind.fileKind.map { (kind, $0) } }
        let lines = kinds.map { (kind: RecordKind, word: String) -> String in
            let columns: [String] = ImportTemplate.accepted(kind).map { column in
                let aliases = column.aliases.isEmpty ? "" : " [" + column.aliases.joined(separator: ", ") + "]"
                return column.name + (column.required ? "*" : "") + aliases
            }
            return "  " + word + ": " + columns.joined(separator: ", ")
        }
        return words("""
            Cột của từng loại (* là bắt buộc; tên trong [ ] cũng được chấp nhận, không phân biệt hoa \
            thường, dấu, khoảng trắng; khcn import template KIND --headers vi in sẵn dòng tiêu đề):
            """, """
            The columns of each kind (* required; the names in [ ] are accepted too, ignoring case, \
            diacritics and spaces; khcn import template KIND --headers vi prints a header line):
            """) + "\n" + lines.joined(separator: "\n") + words("""


            Ví dụ:
              khcn import template enterprises --headers vi > doanh-nghiep.csv
              khcn import enterprises doanh-nghiep.csv --dry-run
            """, """


            Example:
              khcn import template enterprises --headers vi > enterprises.csv
              khcn import enterprises enterprises.csv --dry-run
            """)
    }
}

extension ArgumentHelp {
    static var loginName: ArgumentHelp { .vi("Tên đăng nhập.", en: "Login name.") }
    static var taxCode: ArgumentHelp {
        .vi("Mã số thuế: 10 chữ số, hoặc 13 chữ số viết XXXXXXXXXX-NNN (bắt buộc).",
            en: "Tax code: 10 digits, or 13 written XXXXXXXXXX-NNN (required).")
    }
    static var enterpriseTaxCode: ArgumentHelp { .vi("Mã số thuế của doanh nghiệp.", en: "Tax code of the enterprise.") }
    static var headers: ArgumentHelp {
        .vi("Dòng tiêu đề: canonical (tên cột chuẩn, mặc định) hoặc vi (tên cột tiếng Việt; khcn import đọc được cả hai).",
            en: "Header line: canonical (the standard column names, default) or vi (the Vietnamese names; import reads both).")
    }
    static var certificateNumber: ArgumentHelp { .vi("Số văn bằng / giấy chứng nhận.", en: "Certificate number.") }
    static var applicationNumber: ArgumentHelp { .vi("Số đơn.", en: "Application number.") }
    /// The kinds of contract §6 (import, export and the import template).
    static var fileKind: ArgumentHelp {
        .vi("Loại hồ sơ: enterprises (doanh nghiệp), certificates (giấy chứng nhận), funds (quỹ), fund-allocations (trích lập quỹ), ip (sáng chế, giải pháp hữu ích), ip-fees (phí duy trì), gi (chỉ dẫn địa lý), gi-managers (tổ chức quản lý CDĐL) hoặc gi-users (doanh nghiệp được phép sử dụng CDĐL).",
            en: "enterprises, certificates, funds, fund-allocations, ip, ip-fees, gi, gi-managers or gi-users.")
    }
}
