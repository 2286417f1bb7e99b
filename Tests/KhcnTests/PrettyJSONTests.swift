@testable import khcn
import Testing

/// `--json` of a list re-indents the database's JSON text instead of parsing and rendering it
/// (contract §8, issue 15): the bytes must be exactly those `JSON.parse(…).rendered()` printed,
/// nested one level as the list nests them.
@Suite struct PrettyJSONTests {
    /// What a list printed for one record before (`Printer.list`, up to 80823a2).
    static func former(_ text: String) -> String {
        JSON.parse(text).rendered().replacingOccurrences(of: "\n", with: "\n  ")
    }

    static func rendered(_ text: String) -> (text: String, direct: Bool) {
        var direct: [UInt8] = []
        var bytes = Array(text.utf8)
        let done = bytes.withUnsafeMutableBufferPointer { PrettyJSON.append(UnsafeBufferPointer($0), level: 1, to: &direct) }
        var out: [UInt8] = []
        PrettyJSON.render(text, level: 1, to: &out)
        #expect(!done || out == direct)
        return (String(decoding: out, as: UTF8.self), done)
    }

    /// Texts the database writes (`row_to_json`, `json_build_object`'s ` : ` and `, `) and what
    /// a stored string may hold: escapes, C0/C1 controls, bidirectional overrides, Vietnamese.
    static let direct: [String] = [
        #"{"kind":"invention","application_number":"1-2024-00001","filed_on":"2024-05-10","title":"Máy sao chè “Tân Cương” – 2","applicant_tax_code":null,"applicant_name":"N. V. A.","ipc":["A01G 9/14","C12N"],"applicant_person_id":12,"events":[{"event" : "granted", "on" : "2020-01-01", "grant_number" : "1-0000001"}, {"event" : "checked", "on" : "2021-02-03", "grant_number" : null}]}"#,
        #"{"a":"x\"y\\z\/w\b\f\n\r\t\u0001\u001f\u00e9\u00E9","b":[],"c":{},"d":[1,[-2,[0]]],"e":true,"f":false,"g":null}"#,
        "{\"raw\":\"\u{7F}|\u{85}|\u{9F}|\u{A0}|\u{A9}|\u{202A}|\u{202E}|\u{202F}|\u{2066}|\u{2069}|\u{2026}|\u{1F600}|ệ\"}",
        #"{"k" : 123456789012345678, "l":[ ], "m":{ } , "n" : [ {"o" : [ ]} ] }"#,
        #"[]"#, #"{}"#, #""""#, #"0"#,
        // Numbers by `JSON`'s own rules: a fund's `share_used` (numeric), and what PostgreSQL never writes.
        #"{"share_used":0.4567,"b":0.5000,"c":1.0000,"d":0.0000,"e":-0,"f":007,"g":+1,"h":1e5,"i":1.5e300,"j":1e400,"k":1234567890123456789,"l":12345678901234567890}"#,
    ]

    /// Texts it leaves to `JSON`, whose rules for them are its own.
    static let declined: [String] = [
        #"{"a":1.2.3}"#, #"{"a":12-3}"#, #"{"a":-}"#, #"{"a":x}"#,
        #"{"a":"\ud83d\ude00"}"#, #"{"a":"\udc00"}"#, #"{"a":"\x"}"#.replacingOccurrences(of: "x", with: "\u{E9}"),
        #"{"a":"#, #"{"a" 1}"#, #"tru"#, #"{} x"#, #"{"a":"\u12"}"#, "",
    ]

    @Test(arguments: direct)
    func reindentsWhatTheDatabaseWritesByteForByte(_ text: String) {
        let (out, done) = Self.rendered(text)
        #expect(done)
        #expect(out == Self.former(text))
    }

    @Test(arguments: declined)
    func leavesWhatItCannotReproduceToJSON(_ text: String) {
        let (out, done) = Self.rendered(text)
        #expect(!done)
        #expect(out == Self.former(text))
    }
}
