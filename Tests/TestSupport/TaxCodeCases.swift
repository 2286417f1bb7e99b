/// One table of tax-code cases that the Swift type and the SQL function must agree on
/// (written in the stored form: the SQL function sees codes after input cleaning).
public enum TaxCodeCases {
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
