import Postgres
@testable import Registry
import TestSupport
import Testing

/// The name search of SQL/0039 takes one of three paths (a walk of the list's order, the
/// trigram index then a sort, the walk to the end) by thresholds and estimates; every path
/// must give what a plain scan gives: the same tax codes in the same order (contract §5:
/// diacritic-insensitive substring, sorted the Vietnamese way, then by tax code).
@Suite struct EnterpriseSearchTests {
    static let legal = ["Công ty TNHH", "Công ty Cổ phần", "Hợp tác xã", "Doanh nghiệp tư nhân", "CÔNG TY TNHH MTV", "Cty"]
    static let words = ["Chè", "Dược liệu", "Đức", "Ánh", "Dung", "Đông", "Tân Trào", "Minh Xuân", "An", "Ngọc", "Thủy điện",
                        "Wifi", "Zalo", "100%", "A_B", "Hà Giang", "Yên", "Nga", "Đạt", "Ơn", "Ư",
                        // Letters outside a–z, 0–9 after folding: the trigram index (SQL/0042) sees `0`.
                        "Жук", "Straße", "Œuvre", "7-Up", "A&B", "Oanh Hà Minh", "Đỗ Đạt",
                        // Characters the fold makes LIKE's `%`, `_` and `\` (review of stop 20).
                        "50％", "X＿Y", "A＼B"]
    static let terms = ["a", "A", "n", "ng", "đ", "Đ", "d", "o", "ơ", "z", "w", "q", "cong ty", "CÔNG TY", "tnhh",
                        "hop tac xa", "doanh nghiep", "an", "che", "chè", "100%", "%", "_", "a_b", "tan trao", "minh",
                        "xyz", "ty c", "nh", "duc", "  ng  ", "ha giang", "yen", "ư",
                        // SQL/0042: absent and rare short terms, several words, letters the key maps to `0`.
                        "zz", "xq", "ж", "жу", "ss", "œ", "oe", "ß", "&", "7-u", "a&b", "up", "y d", "c a",
                        "oanh ha minh", "anh ha mi", "do dat", "đỗ đ", "ha giang yen", "tan trao minh", "g\\",
                        "a％b", "50％", "％", "﹪", "＿", "x＿y", "a＿h", "＼", "a∖b", "a﹨"]

    /// A few hundred deterministic names (a small LCG), with repeats so that ties sort by tax code.
    static func names(_ count: Int) -> [String] {
        var state: UInt64 = 20_261_203
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        return (0..<count).map { _ in
            let parts = (0..<(1 + next(3))).map { _ in words[next(words.count)] }
            return ([legal[next(legal.count)]] + parts).joined(separator: " ")
        }
    }

    /// Fills province 08 with `count` enterprises (valid tax codes made by the database's own rule).
    static func fill(_ connection: Connection, count: Int) throws {
        let names = Self.names(count)
        try connection.query("""
            INSERT INTO enterprise (tax_code, name)
            SELECT code, (\(names)::text[])[row_number() OVER (ORDER BY code)]
              FROM (SELECT b::text || d AS code FROM generate_series(100000000, 100000000 + \(count * 2)) b,
                           generate_series(0, 9) d
                     WHERE khcn_tax_code_is_valid(b::text || d) ORDER BY 1 LIMIT \(count)) codes
            """)
    }

    /// What a plain scan finds: the reference every path is compared with.
    static func plain(_ connection: Connection, _ term: String, limit: Int?) throws -> [String] {
        try connection.query("""
            SELECT tax_code FROM enterprise
             WHERE province_code = '08' AND khcn_fold(name) LIKE '%' || khcn_fold(\(term)) || '%' ESCAPE '\\'
             ORDER BY name COLLATE "vi-VN-x-icu", tax_code LIMIT \(limit)
            """).rows.map { $0["tax_code"] ?? "" }
    }

    @Test func everyPathFindsWhatAPlainScanFinds() throws {
        try withSchema { session in
            let connection = session.connection
            try Self.fill(connection, count: 400)
            // Without statistics the planner expects few matches, with them (ANALYZE) many:
            // both, so that the trigram path and the walk each take common and rare terms.
            for analyzed in [false, true] {
                if analyzed { try connection.query("ANALYZE enterprise") }
                for raw in Self.terms {
                    let term = try #require(raw.precomposedForSearch)
                    for limit in [1, 5, 51, 1001, nil] as [Int?] {
                        let expected = try Self.plain(connection, term, limit: limit)
                        // walked 0: straight to the second step; 7: a walk too short for most terms.
                        for (walked, sorted) in [(0, 0), (0, 1_000_000), (7, 0), (7, 1_000_000), (5000, 5000)] {
                            let found = try connection.query(
                                "SELECT khcn_enterprise_name_search('08', \(term), \(limit)::integer, \(walked), \(sorted)) AS tax_code"
                            ).rows.map { $0["tax_code"] ?? "" }
                            #expect(found == expected, "“\(raw)” limit \(String(describing: limit)) walked \(walked) sorted \(sorted)")
                        }
                        if let limit {
                            let counted = try connection.query("SELECT khcn_enterprise_name_count('08', \(term), \(limit))").scalar
                            let all = try Self.plain(connection, term, limit: nil).count
                            #expect(counted == String(min(all, limit)), "count of “\(raw)” capped at \(limit)")
                        }
                    }
                }
            }
        }
    }

    /// SQL/0046: the search text is what SQL/0042 defined, `0` for every character of the folded
    /// name outside a–z and 0–9, whichever branch makes it (the trigram index built with the one
    /// stays valid for the other): the generated names, every word and term above, and edges.
    @Test func theSearchTextIsTheRegularExpressionsOnEveryBranch() throws {
        try withSchema { session in
            let texts = Self.names(300) + Self.words + Self.terms
                + ["", " ", "a", "0", "z9 ", "cong ty tnhh", "A\u{00A0}B", "a\tb", "x\ny", "Ž", "ǆ", "日本", "a'b", "%_\\", "\u{1F600}"]
            let differing = try session.connection.query("""
                SELECT t FROM unnest(\(texts)::text[]) t
                 WHERE khcn_search_text(t) IS DISTINCT FROM regexp_replace(khcn_fold(t), '[^a-z0-9]', '0', 'g')
                """).rows.map { $0["t"] ?? "" }
            #expect(differing.isEmpty, "\(differing)")
            #expect(try session.connection.query("SELECT khcn_search_text('Công ty A&B') AS t").scalar == "cong0ty0a0b")
        }
    }

    /// SQL/0047: khcn_fold is the baseline's expression (lower of unaccent with the named
    /// dictionary) for every text, so the indexes built with the SQL form stay valid; and the
    /// indexes a first load builds hold exactly what a name folds to (read back through the
    /// list-order index's own column).
    @Test func theFoldIsTheBaselineExpressionForEveryText() throws {
        try withSchema { session in
            let connection = session.connection
            let texts = Self.names(300) + Self.words + Self.terms
                + ["", " ", "Đ", "đ", "ĐẶNG", "Ǆ", "Æsir", "ﬁ", "½", "A\u{00A0}B", "a\tb", "日本", "\u{1F600}", "İ", "ẞ"]
            let differing = try connection.query("""
                SELECT t FROM unnest(\(texts)::text[]) t
                 WHERE khcn_fold(t) IS DISTINCT FROM lower(public.unaccent('public.unaccent'::regdictionary, t))
                """).rows.map { $0["t"] ?? "" }
            #expect(differing.isEmpty, "\(differing)")
            #expect(try connection.query("SELECT khcn_fold(NULL::text) IS NULL AS n").scalar == "t")
            #expect(try connection.query("SELECT khcn_fold('Đặng Thị Ánh Tuyết') AS f").scalar == "dang thi anh tuyet")
            try Self.fill(connection, count: 200)
            try connection.query("SET enable_seqscan = off")
            let stale = try connection.query("""
                SELECT count(*) FROM enterprise e
                 WHERE e.province_code = '08' AND khcn_fold(e.name) IS DISTINCT FROM lower(public.unaccent('public.unaccent'::regdictionary, e.name))
                """).scalar
            #expect(stale == "0")
        }
    }

    /// SQL/0049: the fold is expanded in place wherever it is read (a written enterprise folds
    /// its name for both search indexes): no call of khcn_fold is left in the plan, only
    /// unaccent's C function and lower; the search text adds one call of khcn_zero_separated
    /// (PL/pgSQL, given the folded name once).
    @Test func theFoldIsExpandedInPlaceIntoItsCallers() throws {
        try withSchema { session in
            let plan = try session.connection.query("""
                EXPLAIN (VERBOSE, FORMAT JSON) SELECT khcn_fold(name), khcn_search_text(name) FROM enterprise
                """).scalar ?? ""
            #expect(!plan.contains("khcn_fold"), "\(plan)")
            #expect(!plan.contains("khcn_search_text"), "\(plan)")
            #expect(plan.components(separatedBy: "khcn_unaccent(").count - 1 == 2, "\(plan)")
            #expect(plan.components(separatedBy: "khcn_zero_separated(").count - 1 == 1, "\(plan)")
        }
    }

    /// A term passed to the search functions with bare LIKE wildcards (a clerk's psql, not
    /// khcn, which escapes them): every path gives what the plain LIKE gives, the wildcard a
    /// wildcard (the trigram key kept it a wildcard; it made it a separator before the review).
    @Test func bareWildcardsAreWildcardsOnEveryPath() throws {
        try withSchema { session in
            let connection = session.connection
            try Self.fill(connection, count: 400)
            for analyzed in [false, true] {
                if analyzed { try connection.query("ANALYZE enterprise") }
                for term in ["a%b", "a_h", "n_", "%", "_", "c%ty", "o_nh h_ m", "t%x%", "_z", "a\\%", "h%p t_c x_"] {
                    for limit in [5, 51, nil] as [Int?] {
                        let expected = try Self.plain(connection, term, limit: limit)
                        for (walked, sorted) in [(0, 0), (0, 1_000_000), (7, 1_000_000)] {
                            let found = try connection.query(
                                "SELECT khcn_enterprise_name_search('08', \(term), \(limit)::integer, \(walked), \(sorted)) AS tax_code"
                            ).rows.map { $0["tax_code"] ?? "" }
                            #expect(found == expected, "“\(term)” limit \(String(describing: limit)) walked \(walked) sorted \(sorted)")
                        }
                        if let limit {
                            let counted = try connection.query("SELECT khcn_enterprise_name_count('08', \(term), \(limit))").scalar
                            let all = try Self.plain(connection, term, limit: nil).count
                            #expect(counted == String(min(all, limit)), "count of “\(term)” capped at \(limit)")
                        }
                    }
                }
            }
        }
    }

    /// SQL/0042: terms few names hold, one or two letters included, and terms of several
    /// common words go to the trigram index, not down the list's order (issue 15: `zz` and `w`
    /// walked the whole province, 270 ms at 1,000,000 enterprises; `oanh ha minh` rechecked
    /// every name holding `anh`, `inh` and ` ha`). Read from this transaction's statistics.
    @Test func rareTermsGoToTheTrigramIndex() throws {
        try withSchema { session in
            let connection = session.connection
            try Self.fill(connection, count: 2000)
            try connection.query("ANALYZE enterprise")
            for raw in ["zz", "w", "xq", "ж", "œ", "7-u", "oanh ha minh", "tan trao minh", "đỗ đạt"] {
                let term = try #require(raw.precomposedForSearch)
                // The counts not yet sent to the statistics (earlier transactions' too): a difference.
                let counts: Query = """
                    SELECT pg_stat_get_xact_tuples_returned('enterprise_in_list_order'::regclass) AS walked,
                           coalesce(pg_stat_get_xact_numscans(to_regclass('enterprise_name_trigrams')), 0) AS trigram_scans
                    """
                try connection.query("BEGIN")
                let before = try connection.query(counts).rows[0]
                let found = try connection.query(
                    "SELECT khcn_enterprise_name_search('08', \(term), 51, 1000, 5000) AS tax_code").rows.map { $0["tax_code"] ?? "" }
                let after = try connection.query(counts).rows[0]
                try connection.query("COMMIT")
                func delta(_ column: String) -> Int { (Int(after[column] ?? "") ?? 0) - (Int(before[column] ?? "") ?? 0) }
                #expect(found == (try Self.plain(connection, term, limit: 51)), "“\(raw)”")
                #expect(delta("walked") == 0, "“\(raw)” walked \(delta("walked"))")
                #expect(delta("trigram_scans") >= 1, "“\(raw)”")
            }
        }
    }

    /// What a clerk sees: the page and its total through EnterpriseRegister, against a plain scan.
    @Test func theListAndItsTotalAreThoseOfAPlainScan() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        try Self.fill(try database.connect(), count: 300)
        let session = try database.createLogin(.clerk).session()
        let reference = try database.connect()
        for raw in Self.terms {
            let term = try #require(raw.precomposedForSearch)
            let all = try Self.plain(reference, term, limit: nil)
            for limit in [3, 50] {
                let page = try EnterpriseRegister(session).page(search: raw, limit: limit)
                #expect(page.enterprises.map(\.taxCode.description) == Array(all.prefix(limit)), "“\(raw)” limit \(limit)")
                #expect(page.total == .exactly(all.count), "total of “\(raw)”")
            }
        }
    }

    /// Every statement that writes names leaves the trigram index's pending list merged, a
    /// clerk's in psql too: a short term's 1,333 index scans would each read the whole list
    /// (issue 15: `w` 986 ms at 1,000,000 enterprises, 9 ms merged). `gin_clean_pending_list`
    /// answers how many pages it merged: none left.
    @Test func aWriteLeavesNoTrigramsPending() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let owner = try database.connect()
        let pending: Query = "SELECT gin_clean_pending_list('enterprise_name_trigrams')"
        // Autovacuum would merge the list too, at a moment of its own.
        try owner.query("ALTER TABLE enterprise SET (autovacuum_enabled = off)")
        try Self.fill(owner, count: 200)
        #expect(try owner.query(pending).scalar == "0")
        let clerk = try database.createLogin(.clerk).connect()
        try clerk.query("UPDATE enterprise SET name = name || ' Wifi' WHERE province_code = '08'")
        #expect(try owner.query(pending).scalar == "0")
        // What the trigger spares: the same update with it off leaves pages to merge.
        try owner.query("ALTER TABLE enterprise DISABLE TRIGGER enterprise_name_trigrams_merged")
        try clerk.query("UPDATE enterprise SET name = name || ' Zalo' WHERE province_code = '08'")
        #expect(try owner.query(pending).scalar != "0")
    }

    /// The search's helpers run with the owner's rights only through the two entry points,
    /// which check the province (SQL/0026).
    @Test func aClerkReachesOnlyTheEntryPoints() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let owner = try database.connect()
        try Self.fill(owner, count: 20)
        let clerk = try database.createLogin(.clerk).connect()
        let all = try Self.plain(owner, "c", limit: nil).count
        #expect(all > 0)
        #expect(try clerk.query("SELECT khcn_enterprise_name_count('08', 'c', 1001)").scalar == String(all))
        #expect(try clerk.query("SELECT khcn_enterprise_name_count('01', 'c', 1001)").scalar == "0")
        for call in ["khcn_enterprise_name_search('08', 'c', 5, 0, 0)", "khcn_enterprise_name_walk('08', '%c%', 5)",
                     "khcn_enterprise_name_walk_first('08', '%c%', 5, 10)", "khcn_enterprise_name_found('08', '%c%', '{%c%}', 5)",
                     "khcn_enterprise_name_found_count('08', '%c%', '{%c%}', 5)", "khcn_enterprise_name_count_stored('08', '%c%', 5, 10)",
                     "khcn_enterprise_name_key_patterns('c')", "khcn_enterprise_name_key_pattern('cong ty')"] {
            let error = try #require(throws: PostgresError.self) { try clerk.query("SELECT \(sql: call)") }
            #expect(error.sqlstate == "42501", "\(call)")
        }
    }
}
