/// One table of texts that the Swift rule (`CleanText.firstRefused`) and the SQL rule
/// (`khcn_text_first_refused`, SQL/0014) must agree on: the text, whether it is an address
/// (tab and line breaks allowed), and the first refused character (nil: clean). Contract §4.
public enum TextRuleCases {
    public static let all: [(text: String, address: Bool, refused: String?)] = [
        ("Công ty TNHH Chè Đinh Tuyên", false, nil),
        ("“Đồng Văn” – Hà Giang…", false, nil),          // bytes E2 80 9C, E2 80 93: not overrides
        ("Hà\u{A0}Nội", false, nil),                       // no-break space
        ("A\u{200F}B", false, nil),                        // right-to-left mark: not an override
        ("A\u{2028}B", false, nil),                        // line separator: just below U+202A
        ("A\u{202F}B", false, nil),                        // narrow no-break space: just above U+202E
        ("A\u{2065}B", false, nil),
        ("A\u{206A}B", false, nil),
        ("A\u{1B}[31mB", false, "U+001B"),                  // ESC sequence
        ("Lan\u{7}", false, "U+0007"),                      // BEL
        ("A\u{1}B", false, "U+0001"),
        ("A\u{1F}B", false, "U+001F"),
        ("A\u{7F}B", false, "U+007F"),
        ("A\u{80}B", false, "U+0080"),
        ("A\u{85}B", false, "U+0085"),
        ("A\u{9F}B", false, "U+009F"),
        ("A\u{202A}B", false, "U+202A"),
        ("A\u{202E}B", false, "U+202E"),                    // right-to-left override
        ("A\u{2066}B", false, "U+2066"),
        ("A\u{2069}B", false, "U+2069"),
        ("a\u{202B}b\u{1B}", false, "U+202B"),              // the first one is named
        ("Tổ 3\nphường Minh Xuân", false, "U+000A"),
        ("Tổ 3\r\nphường Minh Xuân", false, "U+000D"),
        ("Tổ 3\tphường", false, "U+0009"),
        ("Tổ 3\nphường Minh Xuân", true, nil),
        ("Tổ 3\r\nphường Minh Xuân", true, nil),
        ("Tổ 3\tphường", true, nil),
        ("Tổ 3\u{B}phường", true, "U+000B"),
        ("Tổ 3\u{C}phường", true, "U+000C"),
        ("Tổ 3\u{1B}phường", true, "U+001B"),
        ("Tổ 3\u{202E}phường", true, "U+202E"),
    ]
}
