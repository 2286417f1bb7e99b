import ArgumentParser
import Registry

/// `khcn fund list [--tax-code MST] [--as-of DATE]`: a `RecordList` of the fund register, with
/// its words.
extension FundCommand {
    typealias List = RecordList<FundRegister>
}

extension FundRegister: ListedByEnterprise {
    static let listWords = ListWords(
        kind: .fund,
        abstract: words("Danh sách quỹ; với --as-of: các quỹ đang hoạt động ngày đó.", "Funds; with --as-of, those open on that day."),
        taxCode: .vi("Chỉ các quỹ của doanh nghiệp này (mã số thuế).", en: "Only this enterprise's funds."),
        asOf: .vi("Đang hoạt động tại ngày này, dạng YYYY-MM-DD.", en: "Open on this day, YYYY-MM-DD."),
        empty: ("Không có quỹ nào.", "No fund."))
}
