/// One table of tax-code cases that the Swift type and the SQL function must agree on
/// (written in the stored form: the SQL function sees codes after input cleaning).
public enum TaxCodeCases {
    /// `count` valid 10-digit tax codes from `start` on (check digit 10 − Σ w·d mod 11; a
    /// base whose digit would be 10 is skipped), for files of many rows.
    public static func generated(count: Int, from start: Int) -> [String] {
        let weights = [31, 29, 23, 19, 17, 13, 7, 5, 3]
        var codes: [String] = []
        var base = start
        while codes.count < count {
            let digits = String(base).map { $0.wholeNumberValue! }
            let remainder = zip(digits, weights).map(*).reduce(0, +) % 11
            if remainder != 0 { codes.append(String(base) + String(10 - remainder)) }
            base += 1
        }
        return codes
    }

    public static let valid = ["0101248141", "0100109106", "0101248141-001", "0101248141-999", "1200000016"]
    public static let invalid = [
        "0101248142",       // wrong check digit
        "1012481420",       // digits 1–9 leave remainder 0: no check digit exists
        "0012345678",       // partition 00
        "1200000009",       // digits 3–9 all zero
        "0101248141-000",   // suffix 000
        "010124814",        // 9 digits
        "01012481410",      // 11 digits
        "010124814A",       // letter
        "",                 // empty
    ]
}
