import Foundation
@testable import Registry
import TestSupport
import Testing

/// Enterprise lists as district clerks keep them (Tuyên Quang communes after the 2025 merger),
/// in the byte forms their spreadsheets are saved in.
enum ClerkFile {
    static let rows: [(name: String, address: String)] = [
        ("Công ty TNHH Chè Hồng Thái", "Thôn Hồng Thái, xã Hồng Thái"),
        ("Công ty TNHH Du lịch Lâm Bình", "Thôn Nà Muông, xã Lâm Bình"),
        ("Công ty TNHH Thương mại Dịch vụ Minh Xuân", "Tổ 7, phường Minh Xuân"),
        ("Hợp tác xã Cam Sành Hàm Yên", "Thôn Yên Thành, xã Hàm Yên"),
        ("Công ty Cổ phần Dược liệu Tân Trào", "Thôn Tân Lập, xã Tân Trào"),
        ("Công ty TNHH Mật ong Bạc hà Đồng Văn", "Thị trấn Đồng Văn cũ, xã Đồng Văn"),
        ("Doanh nghiệp tư nhân Nguyễn Thị Hường", "Số 12 đường 17/8, phường Nông Tiến"),
        ("Công ty TNHH Gỗ Ép Yên Sơn", "Km 8, xã Yên Sơn"),
        ("Công ty TNHH MTV Lâm nghiệp Chiêm Hóa", "Tổ dân phố Vĩnh Thái, xã Chiêm Hóa"),
        ("Hợp tác xã Nông nghiệp Sơn Dương", "Thôn Quyết Thắng, xã Sơn Dương"),
    ]

    /// Valid tax codes (the check digit found by the registry's own parser).
    static let taxCodes: [String] = Array((10..<40).compactMap { index in
        (0...9).lazy.map { "5000123\(index)\($0)" }.first { (try? TaxCode(parsing: $0)) != nil }
    }.prefix(10))

    /// The first `count` rows under a Vietnamese header, as Excel writes them (CRLF, quotes
    /// only around a field that holds the delimiter); without the address, each line is a
    /// tax code and a name.
    static func text(rows count: Int, delimiter: String, addresses: Bool, header: String? = nil) -> String {
        let columns = addresses ? ["Mã số thuế", "Tên doanh nghiệp", "Địa chỉ"] : ["Mã số thuế", "Tên doanh nghiệp"]
        let quote = { (field: String) in field.contains(delimiter) ? "\"\(field)\"" : field }
        let lines = zip(taxCodes, rows).prefix(count).map { code, row in
            ([code, quote(row.name)] + (addresses ? [quote(row.address)] : [])).joined(separator: delimiter)
        }
        return ([header ?? columns.joined(separator: delimiter)] + lines).joined(separator: "\r\n") + "\r\n"
    }

    /// How Windows writes Windows-1258: the base letter precomposed (â ê ô ơ ư ă đ, or a plain
    /// vowel) and the tone as a separate combining mark (0xCC 0xEC 0xD2 0xDE 0xF2), even where
    /// the code page has a precomposed à or é. glibc's converter keeps à and é whole instead.
    static func windowsForm(_ text: String) -> String {
        let tones: Set<UInt32> = [0x300, 0x301, 0x303, 0x309, 0x323]
        var result = ""
        for character in text {
            let scalars = String(character).decomposedStringWithCanonicalMapping.unicodeScalars
            var base = ""
            base.unicodeScalars.append(contentsOf: scalars.filter { !tones.contains($0.value) })
            result += base.precomposedStringWithCanonicalMapping
            result.unicodeScalars.append(contentsOf: scalars.filter { tones.contains($0.value) })
        }
        return result
    }
}

/// A file's bytes in one of the forms clerks' files come in.
enum Form: String, CustomTestStringConvertible {
    case windows = "Windows-1258 as Windows writes it"
    case glibc1258 = "Windows-1258 as glibc writes it"
    case tcvn3 = "TCVN3"
    case utf8 = "UTF-8"

    var testDescription: String { rawValue }

    func bytes(_ text: String) throws -> [UInt8] {
        switch self {
        case .windows: try RegistryTests.encode(ClerkFile.windowsForm(text), as: "WINDOWS-1258")
        case .glibc1258: try RegistryTests.encode(text, as: "WINDOWS-1258")
        case .tcvn3: try RegistryTests.encode(text, as: "TCVN5712-1")
        case .utf8: Array(text.utf8)
        }
    }

    var encoding: SourceEncoding {
        switch self {
        case .windows, .glibc1258: .windows1258
        case .tcvn3: .tcvn3
        case .utf8: .utf8
        }
    }
}

/// The shape of a test file: rows, delimiter, with or without the address column.
struct Layout: CustomTestStringConvertible, Sendable {
    let rows: Int
    let delimiter: String
    var addresses = false

    /// Each of these stopped with an encoding-error before detection scored syllables (the
    /// last word of every CRLF line was glued to the next line and counted as not Vietnamese).
    static let small = [
        Layout(rows: 1, delimiter: ";"), Layout(rows: 2, delimiter: ";"), Layout(rows: 2, delimiter: ","),
        Layout(rows: 10, delimiter: ";"), Layout(rows: 10, delimiter: "\t"),
        Layout(rows: 2, delimiter: ";", addresses: true), Layout(rows: 2, delimiter: "\t", addresses: true),
    ]

    var testDescription: String {
        "\(rows) rows, \(delimiter == "\t" ? "tab" : delimiter)\(addresses ? ", with addresses" : "")"
    }

    func text() -> String { ClerkFile.text(rows: rows, delimiter: delimiter, addresses: addresses) }
}

@Suite struct EncodingDetectionTests {
    /// The Windows form really is precomposed base letters plus separate tone bytes.
    @Test func windowsFormSeparatesTheToneFromTheLetter() throws {
        let bytes = try Form.windows.bytes("Hà Hường Nguyễn")
        #expect(bytes == Array("Ha".utf8) + [0xCC, 0x20, 0x48, 0xFD, 0xF5, 0xCC] + Array("ng Nguy".utf8) + [0xEA, 0xDE, 0x6E])
    }

    @Test(arguments: [Form.windows, .glibc1258, .tcvn3], Layout.small)
    func smallEnterpriseFilesAreRecognised(_ form: Form, _ layout: Layout) throws {
        let sample = try form.bytes(layout.text())
        #expect(try EncodingDetector.detect(sample: sample, requested: nil).encoding == form.encoding)
    }

    /// UTF-8 stays UTF-8 however Vietnamese it reads (a guard, not a change).
    @Test(arguments: Layout.small)
    func smallUTF8FilesStayUTF8(_ layout: Layout) throws {
        #expect(try EncodingDetector.detect(sample: Form.utf8.bytes(layout.text()), requested: nil).encoding == .utf8)
    }

    /// The header in English, so that only the rows' names and addresses tell.
    @Test(arguments: [Form.windows, .glibc1258, .tcvn3])
    func twoRowsUnderAnEnglishHeaderAreEnough(_ form: Form) throws {
        let sample = try form.bytes(ClerkFile.text(rows: 2, delimiter: ";", addresses: true, header: "tax_code;name;address"))
        #expect(try EncodingDetector.detect(sample: sample, requested: nil).encoding == form.encoding)
    }

    /// One short row: "Công ty TNHH Tân Trào" has three accented words; TNHH and the tax code count for nothing.
    @Test(arguments: [Form.windows, .glibc1258, .tcvn3])
    func oneShortRowIsEnough(_ form: Form) throws {
        let sample = try form.bytes("tax_code;name\r\n\(ClerkFile.taxCodes[0]);Công ty TNHH Tân Trào\r\n")
        #expect(try EncodingDetector.detect(sample: sample, requested: nil).encoding == form.encoding)
    }

    /// Bytes that read as Vietnamese in neither code page, or in both alike, stop the import
    /// with an encoding-error that names the flag.
    @Test(arguments: [
        Array("tax_code;name\n0101248141;".utf8) + [0xA4, 0xA6, 0xA8, 0xAE, 0xB0, 0xB1, 0x0A],
        Array("tax_code;name\n0101248141;Caf".utf8) + [0xE9, 0x20] + Array("cr".utf8) + [0xE8, 0x6D, 0x65, 0x0A],   // French, Latin-1
        Array("tax_code,name\n0101248141,x".utf8) + [0xF5, 0x0A],   // "xơ" in Windows-1258, "xừ" in TCVN3
    ])
    func ambiguousOrForeignBytesNameTheFlag(_ sample: [UInt8]) throws {
        #expect {
            _ = try EncodingDetector.detect(sample: sample, requested: nil)
        } throws: { error in
            guard let problem = error as? ImportProblem else { return false }
            return problem.kind == .encoding && problem.english.contains("--encoding") && problem.vietnamese.contains("--encoding")
        }
    }

    /// Cut anywhere, any bytes: detection answers or throws, never traps.
    @Test func anyPrefixOfAnyFormIsDetectedOrRefusedWithoutTrapping() throws {
        let text = ClerkFile.text(rows: 3, delimiter: ";", addresses: true)
        for form in [Form.windows, .tcvn3, .utf8] {
            let bytes = try form.bytes(text)
            for end in stride(from: 0, through: bytes.count, by: 3) {
                _ = try? EncodingDetector.detect(sample: Array(bytes.prefix(end)), requested: nil)
            }
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let noise = (0..<Int.random(in: 0...300, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            _ = try? EncodingDetector.detect(sample: noise, requested: nil)
        }
    }
}

@Suite struct VietnameseSyllableTests {
    static func tally(_ text: String) -> VietnameseTally { VietnameseTally(text.precomposedStringWithCanonicalMapping) }

    @Test(arguments: [
        "Công", "Hường", "Nguyễn", "ĐỒNG", "Quyết", "quốc", "giữ", "gìn", "Khuổi", "Choóng", "Thủy", "Thuỷ", "Hòa", "Hoà",
        "Đắk", "khuya", "khuỷu", "ngoài", "rượu", "mía", "gửi", "Mỹ", "Lý", "TỈNH", "ngoằn", "nghiêng", "Thượng", "Ép", "ở", "ạch",
    ])
    func wordsOfStandardOrthographyAreSyllables(_ word: String) {
        #expect(VietnameseSyllable.isSyllable(word.precomposedStringWithCanonicalMapping.unicodeScalars.compactMap(VietnameseSyllable.letter)))
    }

    @Test(arguments: [
        "Hýừèng",   // Windows-1258 "Hường" read as TCVN3: three tones
        "Tuyờn",    // "Tuyên": no rhyme "uyơn"
        "Cơng",     // no rhyme "ơng"
        "Hóà",      // two tones
        "hỒng",     // a capital after a small letter
        "Thàt",     // a stop ending with the huyền tone
        "ǹg",       // a tone on a consonant
        "xaị",      // Windows-1258 "xã" read as TCVN3: the tone on the wrong vowel
        "Thiũ",     // "thị" likewise
        "TÊn",      // TCVN3 "Tấn" read as Windows-1258: a capital inside a word
    ])
    func wrongReadingsAreNotSyllables(_ word: String) {
        let letters = word.precomposedStringWithCanonicalMapping.unicodeScalars.map(VietnameseSyllable.letter)
        #expect(letters.contains { $0 == nil } || !VietnameseSyllable.isSyllable(letters.compactMap { $0 }))
    }

    /// Every commune and ward of Tuyên Quang (with former Hà Giang) after the 2025 merger.
    @Test func everyCommuneNameOfTuyenQuangReads() {
        let tally = VietnameseSyllableTests.tally(VietnameseSyllableTests.communes)
        #expect(tally.others == 0)
        #expect(tally.syllables > 150)
    }

    @Test func asciiWordsCountForNeither() {
        let ascii = VietnameseSyllableTests.tally("Công ty TNHH ABC 0101248141 Group")
        #expect(ascii.syllables == 1 && ascii.others == 0)
        // A soft hyphen or a cedilla inside a word spoils it; quotes and dashes around words do not.
        let mixed = VietnameseSyllableTests.tally("ph\u{AD}êng L¸ C«ng – “Hà”")
        #expect(mixed.syllables == 1 && mixed.others == 3)
    }

    static let communes = """
    Hà Giang 2 Hà Giang 1 Ngọc Đường Phú Linh Lũng Cú Đồng Văn Sà Phìn Phố Bảng Lũng Phìn
    Mèo Vạc Sơn Vĩ Sủng Máng Khâu Vai Tát Ngà Niêm Sơn Yên Minh Thắng Mố Bạch Đích Mậu
    Duệ Ngọc Long Đường Thượng Du Già Quản Bạ Cán Tỷ Nghĩa Thuận Tùng Vài Lùng Tám Vị
    Xuyên Minh Tân Thuận Hòa Tùng Bá Thanh Thủy Lao Chải Cao Bồ Thượng Sơn Việt Lâm Linh Hồ
    Bạch Ngọc Minh Sơn Giáp Trung Bắc Mê Minh Ngọc Yên Cường Đường Hồng Hoàng Su Phì Bản
    Máy Thàng Tín Tân Tiến Pờ Ly Ngài Nậm Dịch Hồ Thầu Thông Nguyên Pà Vầy Sủ Xín Mần
    Trung Thịnh Nấm Dẩn Quảng Nguyên Khuôn Lùng Bắc Quang Vĩnh Tuy Đồng Tâm Tân Quang Bằng
    Hành Liên Hiệp Hùng An Đồng Yên Tiên Nguyên Yên Thành Quang Bình Tân Trịnh Bằng Lang Xuân
    Giang Tiên Yên Nông Tiến Minh Xuân Nà Hang Thượng Nông Côn Lôn Yên Hoa Hồng Thái Lâm Bình
    Thượng Lâm Chiêm Hóa Bình An Minh Quang Trung Hà Tân Mỹ Yên Lập Tân An Kiên Đài Kim Bình
    Hòa An Tri Phú Yên Nguyên Hàm Yên Bạch Xa Phù Lưu Yên Phú Bình Xa Thái Sơn Thái Hòa Hùng
    Đức Lực Hành Kiến Thiết Xuân Vân Hùng Lợi Trung Sơn Tân Long Yên Sơn Thái Bình Mỹ Lâm
    An Tường Bình Thuận Nhữ Khê Sơn Dương Tân Trào Bình Ca Minh Thanh Đông Thọ Tân Thanh Hồng
    Sơn Phú Lương Sơn Thủy Trường Sinh
    """
}

@Suite struct SmallFileImportTests {
    /// The issue's file: two rows, `;`, Windows-1258 the way Windows writes it.
    @Test func twoRowWindowsFileImportsWithItsNamesInNFC() throws {
        let path = try temporaryFile(try Form.windows.bytes(ClerkFile.text(rows: 2, delimiter: ";", addresses: true)))
        try withRegistry { session in
            let report = try importing(session, .enterprise, path)
            #expect(report.encoding == .windows1258)
            #expect(report.delimiter == UInt8(ascii: ";"))
            #expect(report.inserted == 2, "\(report.errors)")
            let stored = try session.connection.query(
                "SELECT name, address, name = normalize(name, NFC) AND address = normalize(address, NFC) AS nfc FROM enterprise ORDER BY tax_code").rows
            #expect(stored.map { $0["name"] ?? "" } == ClerkFile.rows.prefix(2).map(\.name))
            #expect(stored.map { $0["address"] ?? "" } == ClerkFile.rows.prefix(2).map(\.address))
            #expect(stored.allSatisfy { $0["nfc"] == "t" })
        }
    }

    @Test func tenRowTCVN3FileImports() throws {
        #expect(ClerkFile.taxCodes.count == 10)
        let path = try temporaryFile(try Form.tcvn3.bytes(ClerkFile.text(rows: 10, delimiter: "\t", addresses: false)))
        try withRegistry { session in
            let report = try importing(session, .enterprise, path)
            #expect(report.encoding == .tcvn3)
            #expect(report.delimiter == 0x09)
            #expect(report.inserted == 10, "\(report.errors)")
            let names = try session.connection.query("SELECT name FROM enterprise ORDER BY tax_code").rows.map { $0["name"] ?? "" }
            #expect(names == ClerkFile.rows.map(\.name))
        }
    }

    /// When the encoding cannot be told, the report says so and gives the delimiter it found.
    @Test func unknownEncodingReportsNoEncodingAndTheRealDelimiter() throws {
        let path = try temporaryFile(Array("Mã;Tên\n0101248141;x".utf8.map { $0 < 0x80 ? $0 : 0x61 }) + [0xF5, 0x0A])
        try withRegistry { session in
            let report = try importing(session, .enterprise, path)
            #expect(report.errors.first?.kind == .encoding)
            #expect(report.encoding == nil)
            #expect(report.delimiter == UInt8(ascii: ";"))
            let told = try importing(session, .enterprise, path) { $0.delimiter = UInt8(ascii: "\t") }
            #expect(told.delimiter == UInt8(ascii: "\t"))
        }
    }
}
