/// Whether NFC could change a text: the database stores text in NFC (`khcn_clean_text`), so an
/// import must compare a cell after the same normalisation, or a re-import of the same file
/// would report `updated` (contract §6: all `unchanged`). Normalising every cell of a million
/// rows costs seconds; a cell made only of characters that NFC never changes needs none.
enum NFC {
    /// False only when every character is one NFC leaves alone in any context: below U+0300
    /// (ASCII, Latin-1, Latin Extended-A/B: đ, ă, ơ, ư), U+1E00–U+1EFF (the precomposed
    /// Vietnamese letters with tone marks), U+2010–U+2027 (dashes, quotes, bullets, “…”).
    /// Anything else (a combining mark, U+2126 OHM SIGN, U+212B ANGSTROM SIGN, …) may change.
    static func mayChange(_ text: String) -> Bool {
        var utf8 = text.utf8.makeIterator()
        while let byte = utf8.next() {
            // Continuation bytes and the lead bytes of U+0000–U+02FF are all below 0xCC.
            guard byte >= 0xCC else { continue }
            switch byte {
            case 0xE1:
                guard let second = utf8.next(), (0xB8...0xBB).contains(second) else { return true }
            case 0xE2:
                guard utf8.next() == 0x80, let third = utf8.next(), (0x90...0xA7).contains(third) else { return true }
            default:
                return true
            }
        }
        return false
    }
}
