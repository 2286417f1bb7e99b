/// Whether a written word can be one syllable of Vietnamese in standard orthography:
/// an onset (b, ch, gh, ngh, qu, …), a rhyme from the closed list of Vietnamese rhymes
/// (vần), and at most one tone mark, on a vowel; a rhyme that ends in a stop (-c, -ch, -p,
/// -t) takes only the sắc or nặng tone. The wrong code page breaks these rules at once:
/// Windows-1258 "Hường" read as TCVN3 is "Hýừèng", TCVN3 "phường" read as Windows-1258 is
/// "ph­êng". Encoding detection (contract §6) counts how many words of each decoding pass.
enum VietnameseSyllable {
    /// The six tones (thanh) by their marks; `level` (thanh ngang) has none.
    enum Tone: Equatable {
        case level, grave, acute, hook, tilde, dot
    }

    /// One letter of a word: its lowercase form without tone (â, ơ, đ are letters of their
    /// own), its tone, and its case.
    struct Letter {
        let base: Unicode.Scalar
        let tone: Tone
        let uppercase: Bool
    }

    /// What a rhyme allows: where its tone mark may sit (bit n = its n-th letter), and
    /// whether it ends in a stop (-c, -ch, -p, -t), after which only sắc and nặng occur.
    struct Rhyme {
        let tonePositions: UInt8
        let stop: Bool
    }

    /// True when `letters` (one word, NFC, letters only) spell a Vietnamese syllable.
    static func isSyllable(_ letters: [Letter]) -> Bool {
        guard !letters.isEmpty, letters.count <= 8 else { return false }
        // "hồng", "Hồng", "HỒNG"; never "hỒng" or "TÊn", which is what a wrong code page makes.
        let capitals = letters.dropFirst().filter(\.uppercase).count
        guard capitals == 0 || capitals == letters.count - 1 else { return false }
        let toned = letters.indices.filter { letters[$0].tone != .level }
        guard toned.count <= 1 else { return false }
        let tone = toned.first.map { letters[$0].tone } ?? .level
        let spelling = letters.map(\.base)
        for onset in onsets where spelling.starts(with: onset) {
            let rest = Array(spelling[onset.count...])
            // "quân", "quyết": the u of qu is the glide of "uân", "uyêt".
            guard let rhyme = rhymes[rest] ?? (onset == ["q", "u"] ? rhymes[["u"] + rest] : nil) else { continue }
            if rhyme.stop && tone != .acute && tone != .dot { continue }
            if let index = toned.first {
                let position = index - onset.count
                guard position >= 0, position < 8, rhyme.tonePositions & (1 << position) != 0 else { continue }
            }
            return true
        }
        return false
    }

    /// Where the tone mark may sit in a rhyme (0 = its first letter): on the vowel with a
    /// hat, horn or breve (the second of "ươ"); else on the last vowel before a final
    /// consonant; else on the first of two vowels ("mái", "mía"), either of "oa", "oe", "uy"
    /// (old and new style: "hòa", "hoà"), the middle of three ("ngoài", "khuỷu").
    static func tonePositions(_ rhyme: String) -> [Int] {
        let letters = Array(rhyme.unicodeScalars)
        let vowelCount = letters.prefix { "aăâeêioôơuưy".unicodeScalars.contains($0) }.count
        guard vowelCount > 0 else { return [] }
        if let marked = letters.prefix(vowelCount).lastIndex(where: { "ăâêôơư".unicodeScalars.contains($0) }) { return [marked] }
        if letters.count > vowelCount { return [vowelCount - 1] }
        switch vowelCount {
        case 1: return [0]
        case 2: return ["oa", "oe", "uy"].contains(rhyme) ? [0, 1] : [0]
        default: return [1]
        }
    }

    /// The letter a scalar of NFC text stands for, or nil when Vietnamese has no such letter.
    static func letter(_ scalar: Unicode.Scalar) -> Letter? { letters[scalar] }

    /// Initial consonants, longest first so that "ngh" is tried before "ng" and "n"; the empty
    /// onset last. f, j, w, z are kept for names borrowed into Vietnamese.
    static let onsets: [[Unicode.Scalar]] = [
        "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
        "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "f", "j", "w", "z", "",
    ].map { Array($0.unicodeScalars) }

    /// The rhymes (vần) of standard orthography, without tone, by their main vowel. The "-k"
    /// endings of Central Highlands names (Đắk Lắk) are added below from the "-c" ones.
    static let rhymes: [[Unicode.Scalar]: Rhyme] = {
        let list = """
        a ac ach ai am an ang anh ao ap at au ay
        ăc ăm ăn ăng ăp ăt
        âc âm ân âng âp ât âu ây
        e ec em en eng eo ep et
        ê êch êm ên ênh êp êt êu
        i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu
        y yêm yên yêng yêt yêu
        o oc oi om on ong op ot ooc oong
        oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt oe oen oeo oet
        ô ôc ôi ôm ôn ông ôp ôt
        ơ ơi ơm ơn ơp ơt
        u uc ui um un ung up ut ua uôc uôi uôm uôn uông uôt uân uâng uât uây uê uêch uênh uơ
        uy uych uynh uyp uyt uya uyên uyêt uyu
        ư ưc ưi ưm ưn ưng ưt ưu ưa ươc ươi ươm ươn ương ươp ươt ươu
        """
        let rhymes = list.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        let highlands = rhymes.filter { $0.hasSuffix("c") }.map { String($0.dropLast()) + "k" }
        var table: [[Unicode.Scalar]: Rhyme] = [:]
        for rhyme in rhymes + highlands {
            let positions = tonePositions(rhyme).reduce(UInt8(0)) { $0 | (1 << $1) }
            let stop = ["c", "ch", "p", "t", "k"].contains { rhyme.hasSuffix($0) }
            table[Array(rhyme.unicodeScalars)] = Rhyme(tonePositions: positions, stop: stop)
        }
        return table
    }()

    /// Every letter of the Vietnamese alphabet in both cases and all tones (NFC), plus the
    /// ASCII letters that Vietnamese does not use, which loanwords do.
    static let letters: [Unicode.Scalar: Letter] = {
        let marks: [(Tone, Unicode.Scalar)] = [
            (.grave, "\u{300}"), (.acute, "\u{301}"), (.hook, "\u{309}"), (.tilde, "\u{303}"), (.dot, "\u{323}"),
        ]
        var table: [Unicode.Scalar: Letter] = [:]
        func add(_ text: String, _ base: Unicode.Scalar, _ tone: Tone) {
            let composed = text.precomposedStringWithCanonicalMapping.unicodeScalars
            let upper = text.uppercased().precomposedStringWithCanonicalMapping.unicodeScalars
            if composed.count == 1, let scalar = composed.first { table[scalar] = Letter(base: base, tone: tone, uppercase: false) }
            if upper.count == 1, let scalar = upper.first { table[scalar] = Letter(base: base, tone: tone, uppercase: true) }
        }
        for base in "abcdefghijklmnopqrstuvwxyzđăâêôơư".unicodeScalars {
            add(String(base), base, .level)
            guard "aăâeêioôơuưy".unicodeScalars.contains(base) else { continue }
            for (tone, mark) in marks {
                var text = String(base)
                text.unicodeScalars.append(mark)
                add(text, base, tone)
            }
        }
        return table
    }()
}

/// How a decoded text reads as Vietnamese: words that are syllables, and words that hold a
/// letter beyond ASCII but are not. Words of ASCII letters only (TNHH, tax codes, numbers,
/// loanwords) count for neither: every candidate decoding reads them alike.
struct VietnameseTally: Equatable {
    var syllables = 0
    var others = 0

    /// The share of counted words that are syllables; 0 when no word counted.
    var share: Double { syllables + others == 0 ? 0 : Double(syllables) / Double(syllables + others) }

    /// Punctuation that real Vietnamese text puts next to words (quotes, dashes, no-break
    /// space); it separates words. Any other symbol inside or next to a word (µ ¸ ­ ¬ «, a
    /// tone mark left on a consonant) is what the wrong code page leaves, and spoils the word.
    static let separators: Set<Unicode.Scalar> = [
        "\u{A0}", "\u{2013}", "\u{2014}", "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "\u{2022}", "\u{2026}",
    ]

    /// Counts the words of `text` (NFC). Linear in its length; no allocation per character.
    init(_ text: String) {
        var syllables = 0, others = 0
        var word: [VietnameseSyllable.Letter] = []
        var beyondASCII = false
        var spoiled = false
        var hasLetter = false
        func finish() {
            if hasLetter && (spoiled || beyondASCII) {
                if !spoiled && VietnameseSyllable.isSyllable(word) { syllables += 1 } else { others += 1 }
            }
            word.removeAll(keepingCapacity: true)
            beyondASCII = false
            spoiled = false
            hasLetter = false
        }
        for scalar in text.unicodeScalars {
            if let letter = VietnameseSyllable.letter(scalar) {
                hasLetter = true
                if !scalar.isASCII { beyondASCII = true }
                if word.count < 16 { word.append(letter) } else { spoiled = true }
            } else if scalar.isASCII || VietnameseTally.separators.contains(scalar) || scalar.properties.isWhitespace {
                finish()
            } else {
                spoiled = true
                if scalar.properties.isAlphabetic { hasLetter = true }
            }
        }
        finish()
        self.syllables = syllables
        self.others = others
    }
}
