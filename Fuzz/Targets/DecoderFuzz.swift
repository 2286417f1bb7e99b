@testable import Registry

/// Fuzzes what turns a clerk's file into UTF-8 (contract §6): encoding detection, the UTF-8
/// validator, and glibc iconv for UTF-16, Windows-1258 and TCVN3.
/// Input: the `--encoding` choice, a split point, then the file's first bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDecoders(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    var input = FuzzInput(data, count)
    let requested: SourceEncoding? = [nil, .utf8, .utf16, .windows1258, .tcvn3][Int(input.choice() % 5)]
    let splitChoice = Int(input.choice())
    let bytes = input.payload
    let split = bytes.isEmpty ? 0 : splitChoice * bytes.count / 255

    checkValidator(bytes, split: split)

    let detected: DetectedEncoding
    do {
        detected = try EncodingDetector.detect(sample: bytes, requested: requested)
    } catch {
        require(error.kind == .encoding && requested == nil, "detection failed with \(error.kind) for --encoding \(requested?.rawValue ?? "auto")")
        require(!error.english.isEmpty && !error.vietnamese.isEmpty, "an encoding error without words")
        return 0
    }
    require(detected.skip <= bytes.count && (detected.skip > 0) == detected.bom, "BOM \(detected.bom) but skip \(detected.skip)")
    if requested == nil && !detected.bom && detected.encoding == .utf8 {
        require(EncodingDetector.isUTF8(bytes), "auto-detected UTF-8 for bytes that are not")
    }
    let body = Array(bytes[detected.skip...])
    let name: String
    switch detected.encoding {
    case .utf8: return 0
    case .utf16: name = detected.bigEndian ? "UTF-16BE" : "UTF-16LE"
    case .windows1258, .tcvn3: name = detected.encoding.iconvName!
    }
    let whole = convert(body, from: name, split: nil)
    let chunked = convert(body, from: name, split: min(split, body.count))
    // Where a chunk ends never changes the text, even inside a character or before a tone mark.
    require(whole.output == chunked.output, "\(name): splitting at \(split) changes the text")
    require(whole.badByte == chunked.badByte, "\(name): splitting at \(split) changes the bad byte")
    if let output = whole.output {
        require(isValidUTF8(output), "\(name) produced invalid UTF-8")
        if detected.encoding == .utf16 {
            // Oracle: the standard library's own UTF-16 decoder must read the same text.
            require(body.count % 2 == 0, "UTF-16 with an odd byte count was accepted")
            let text = String(validating: utf16Units(body, bigEndian: detected.bigEndian), as: UTF16.self)
            require(text.map { Array($0.utf8) } == output, "iconv and the standard library read UTF-16 differently")
        }
    } else if detected.encoding == .utf16, body.count % 2 == 0 {
        let text = String(validating: utf16Units(body, bigEndian: detected.bigEndian), as: UTF16.self)
        require(text == nil, "iconv refused UTF-16 that the standard library reads")
    }
    return 0
}

private struct Conversion {
    var output: [UInt8]?
    var badByte: UInt8?
}

/// Converts in one piece, or in two cut at `split`, as `SourceReader` does chunk by chunk.
private func convert(_ body: [UInt8], from name: String, split: Int?) -> Conversion {
    guard let converter = try? IconvConverter(from: name) else {
        require(false, "iconv has no \(name)")
        return Conversion()
    }
    do {
        if let split {
            let first = try converter.convert(body[..<split], final: false)
            return Conversion(output: first + (try converter.convert(body[split...], final: true)))
        }
        return Conversion(output: try converter.convert(body[...], final: true))
    } catch {
        return Conversion(badByte: error.byte)
    }
}

/// Code units of UTF-16 text in the given byte order (a trailing odd byte is left out).
private func utf16Units(_ body: [UInt8], bigEndian: Bool) -> [UInt16] {
    stride(from: 0, to: body.count - 1, by: 2).map { index in
        let first = UInt16(body[index]), second = UInt16(body[index + 1])
        return bigEndian ? first << 8 | second : second << 8 | first
    }
}

/// The registry's streaming UTF-8 validator against the standard library, whole and in two chunks.
private func checkValidator(_ bytes: [UInt8], split: Int) {
    var whole = UTF8Validator()
    let bad = whole.firstInvalid(in: bytes[...])
    if let bad {
        require(isPrefixOfUTF8(bytes[..<bad]) && !isPrefixOfUTF8(bytes[...bad]), "validator stops at \(bad), not at the first impossible byte")
    } else {
        require(isPrefixOfUTF8(bytes[...]), "validator accepts bytes that no UTF-8 text starts with")
        require(whole.isIncomplete == !isValidUTF8(bytes), "validator says incomplete = \(whole.isIncomplete)")
    }
    var chunked = UTF8Validator()
    var chunkedBad = chunked.firstInvalid(in: bytes[..<split])
    if chunkedBad == nil { chunkedBad = chunked.firstInvalid(in: bytes[split...]).map { $0 + split } }
    require(chunkedBad == bad, "validator finds \(String(describing: chunkedBad)) in chunks, \(String(describing: bad)) whole")
    if bad == nil { require(chunked.isIncomplete == whole.isIncomplete, "chunks change isIncomplete") }
}

/// True when some well-formed UTF-8 text starts with these bytes (at most three bytes short).
private func isPrefixOfUTF8(_ bytes: ArraySlice<UInt8>) -> Bool {
    if isValidUTF8(bytes) { return true }
    for first: UInt8 in [0x80, 0x90, 0xA0] {
        for length in 0..<3 where isValidUTF8(bytes + [first] + [UInt8](repeating: 0x80, count: length)) {
            return true
        }
    }
    return false
}
