import Foundation
@testable import Registry
import TestSupport
import Testing

/// Updates audited once per statement over the transition tables, and the row triggers that
/// an update needs only for some rows (issue 15): the audit trail keeps the same facts
/// (contract §9), revert and history read them as before.
@Suite struct UpdateAuditTests {
    /// The calls of PL/pgSQL functions made so far in the open transaction, by name.
    private func calls(_ session: RegistrySession) throws -> [String: Int] {
        var calls: [String: Int] = [:]
        for row in try session.connection.query("SELECT funcname, calls FROM pg_stat_xact_user_functions").rows {
            calls[row["funcname"] ?? ""] = try row.decode("calls", as: Int.self)
        }
        return calls
    }

    @Test func anUpdateOfManyRowsIsAuditedOnceWithEachRowsOldAndNewImage() throws {
        try withSchema { session in
            let connection = session.connection
            try connection.query("""
                INSERT INTO enterprise (tax_code, name, address, established_on, status_on)
                VALUES ('0101248141', 'A', 'Tổ 1', '2015-01-01', '2015-01-01'), ('0100109106', 'B', 'Tổ 2', '2016-01-01', '2016-01-01'),
                       ('0100112437', 'C', 'Tổ 3', '2017-01-01', '2017-01-01')
                """)
            try connection.query("BEGIN")
            try connection.query("SET LOCAL track_functions = 'pl'")
            try connection.query("SELECT set_config('khcn.actor', 'Nguyễn Thị Lan', true), set_config('khcn.reason', 'sửa địa chỉ', true)")
            // Two rows change, the third is written with what it holds: not audited.
            try connection.query("UPDATE enterprise SET address = CASE tax_code WHEN '0100112437' THEN address ELSE address || 'A' END")
            let made = try calls(session)
            try connection.query("COMMIT")
            #expect(made["khcn_audit_update_set"] == 1)
            #expect(made["khcn_audit_update"] == nil)
            #expect(made["enterprise_before_write"] == nil)
            #expect(made["enterprise_record_status"] == nil && made["enterprise_record_status_set"] == 1)
            let rows = try connection.query("""
                SELECT key, keys::text AS keys, actor, reason, old ->> 'address' AS was, new ->> 'address' AS now,
                       old - 'address' = new - 'address' AS rest_same, old ? 'province_code' AS has_province
                  FROM audit_log WHERE action = 'update' ORDER BY key
                """).rows
            #expect(rows.map { $0["key"] } == ["0100109106", "0101248141"])
            #expect(rows.map { $0["keys"] } == ["{0100109106}", "{0101248141}"])
            #expect(rows.map { $0["was"] } == ["Tổ 2", "Tổ 1"] && rows.map { $0["now"] } == ["Tổ 2A", "Tổ 1A"])
            #expect(rows.allSatisfy { $0["actor"] == "Nguyễn Thị Lan" && $0["reason"] == "sửa địa chỉ" })
            #expect(rows.allSatisfy { $0["rest_same"] == "t" && $0["has_province"] == "f" })
            // Status changes of many rows: kept once each, by the statement trigger.
            try connection.query("UPDATE enterprise SET status = 'suspended', status_on = '2024-01-01' WHERE tax_code <> '0100112437'")
            #expect(try connection.query("""
                SELECT string_agg(tax_code || ' ' || status || ' ' || effective_on, ', ' ORDER BY tax_code) FROM enterprise_status_change
                 WHERE effective_on = '2024-01-01'
                """).scalar == "0100109106 suspended 2024-01-01, 0101248141 suspended 2024-01-01")
        }
    }

    @Test func rowsWithTheSameAuditKeyArePairedByTheirPrimaryKey() throws {
        try withSchema { session in
            let connection = session.connection
            try connection.query("SELECT set_config('khcn.actor', 'Nguyễn Thị Lan', false)")
            try connection.query("INSERT INTO gi_certificate (province_code, certificate_number, name, product, granted_on) VALUES ('08', '00123', 'Chè Shan tuyết', 'chè', '2020-01-01')")
            try connection.query("""
                INSERT INTO gi_manager (province_code, certificate_number, from_on, managing_org)
                VALUES ('08', '00123', '2020-01-01', 'Sở A'), ('08', '00123', '2022-01-01', 'Sở B')
                """)
            try connection.query("UPDATE gi_manager SET managing_org = managing_org || ' mới'")
            let pairs = try connection.query("""
                SELECT old ->> 'managing_org' AS was, new ->> 'managing_org' AS now, old ->> 'from_on' = new ->> 'from_on' AS same_row
                  FROM audit_log WHERE kind = 'gi-manager' AND action = 'update' ORDER BY was
                """).rows
            #expect(pairs.map { $0["was"] } == ["Sở A", "Sở B"])
            #expect(pairs.map { $0["now"] } == ["Sở A mới", "Sở B mới"])
            #expect(pairs.allSatisfy { $0["same_row"] == "t" })
        }
    }

    /// The statement trigger pairs old and new rows by hashing their key columns: as one row
    /// value they could only be sorted and merged, a record comparison per step (issue 15: about
    /// half of the audit of the everyday file's 5,000 updates), and makes the images of a pair
    /// after pairing it. Planned here over two tables named as the transition tables, as the
    /// trigger's EXECUTE sees them.
    @Test func anUpdateOfThousandsOfRowsPairsItsImagesByHashingTheKey() throws {
        try withSchema { session in
            let connection = session.connection
            try connection.query("CREATE TEMP TABLE old_rows AS SELECT * FROM enterprise WITH NO DATA")
            try connection.query("""
                INSERT INTO old_rows (province_code, tax_code, name, vsic, status)
                SELECT '08', lpad(i::text, 10, '0'), 'Công ty ' || i, '{}', 'active' FROM generate_series(1, 5000) i
                """)
            try connection.query("CREATE TEMP TABLE new_rows AS SELECT province_code, tax_code, name || ' mới' AS name, established_on, address, commune_code, legal_form, vsic, vsic_version, status, status_on, former_province FROM old_rows ORDER BY random()")
            let statement = try #require(try connection.query("""
                SELECT khcn_audit_update_rows_sql('{tax_code}', '{province_code,tax_code}', khcn_audit_image_columns('enterprise'))
                """).scalar)
            // The trigger function's own settings, as its EXECUTE plans under them.
            try connection.query("""
                SELECT set_config(split_part(setting, '=', 1), substr(setting, strpos(setting, '=') + 1), false)
                  FROM pg_proc, unnest(proconfig) AS setting WHERE proname = 'khcn_audit_update_set'
                """)
            try connection.query("PREPARE audit_pairs AS \(sql: statement)")
            let plan = try connection.query("EXPLAIN (COSTS off) EXECUTE audit_pairs('enterprise', 'Nguyễn Thị Lan', NULL, NULL, 1)")
                .rows.compactMap { $0["QUERY PLAN"] }.joined(separator: "\n")
            #expect(plan.contains("Hash Join"), "\(plan)")
            #expect(!plan.contains("Sort"), "\(plan)")
            // The rows themselves are paired; images are made after, not kept in lists before.
            #expect(!plan.contains("CTE"), "\(plan)")
        }
    }

    /// The status history's statement trigger pairs the same transition tables: by hash too,
    /// under its own settings (sorting both sides for a merge join was 9.5 ms of its 15 for the
    /// everyday file, issue 15). Its INSERT is read from the function as the database holds it.
    @Test func theStatusHistoryPairsThousandsOfUpdatedRowsByHashingTheKey() throws {
        try withSchema { session in
            let connection = session.connection
            try connection.query("CREATE TEMP TABLE old_rows AS SELECT * FROM enterprise WITH NO DATA")
            try connection.query("""
                INSERT INTO old_rows (province_code, tax_code, name, vsic, status, established_on, status_on)
                SELECT '08', lpad(i::text, 10, '0'), 'Công ty ' || i, '{}', 'active', '2020-01-01', '2020-01-01' FROM generate_series(1, 5000) i
                """)
            try connection.query("CREATE TEMP TABLE new_rows AS SELECT * FROM old_rows ORDER BY random()")
            try connection.query("UPDATE new_rows SET established_on = '2020-02-02', status_on = '2020-02-02'")
            let body = try #require(try connection.query("SELECT prosrc FROM pg_proc WHERE proname = 'enterprise_record_status_set'").scalar)
            let insert = try #require(body.range(of: "INSERT INTO enterprise_status_change").map { String(body[$0.lowerBound...].prefix { $0 != ";" }) })
            try connection.query("""
                SELECT set_config(split_part(setting, '=', 1), substr(setting, strpos(setting, '=') + 1), false)
                  FROM pg_proc, unnest(proconfig) AS setting WHERE proname = 'enterprise_record_status_set'
                """)
            let plan = try connection.query("EXPLAIN (COSTS off) \(sql: insert)").rows.compactMap { $0["QUERY PLAN"] }.joined(separator: "\n")
            #expect(plan.contains("Hash Join"), "\(plan)")
            #expect(!plan.contains("Sort"), "\(plan)")
        }
    }

    @Test func aRekeyIsStillAuditedUnderBothKeysOnce() throws {
        try withSchema { session in
            let connection = session.connection
            try connection.query("SELECT set_config('khcn.actor', 'Nguyễn Thị Lan', false)")
            try connection.query("INSERT INTO enterprise (tax_code, name) VALUES ('0100112437', 'A')")
            try connection.query("UPDATE enterprise SET tax_code = '0101248141'")
            let rows = try connection.query("SELECT key, keys::text AS keys FROM audit_log WHERE action = 'update'").rows
            #expect(rows.map { $0["key"] } == ["0101248141"])
            #expect(rows.map { $0["keys"] } == ["{0101248141,0100112437}"])
        }
    }

    @Test func revertAfterAReimportRestoresEveryRowAndTheTrailStaysIntact() throws {
        try withRegistry { session in
            let first = try temporaryFile("""
                tax_code,name,established_on,address,vsic,status,status_on
                0101248141,Công ty A,01/01/2015,Tổ 1,6201,active,01/01/2015
                0100109106,Công ty B,01/01/2016,Tổ 2,,active,
                0100112437,Công ty C,01/01/2017,,,suspended,01/06/2020

                """)
            _ = try importing(session, .enterprise, first)
            let before = try session.connection.query("SELECT string_agg(to_jsonb(e)::text, ';' ORDER BY tax_code) FROM enterprise e").scalar
            let statuses = try count(session, "SELECT count(*) FROM enterprise_status_change")
            // A, unchanged; B, a new name and dissolved; C, a blank cell (kept) and a new address; D, new.
            let second = try temporaryFile("""
                tax_code,name,established_on,address,vsic,status,status_on
                0101248141,Công ty A,01/01/2015,Tổ 1,6201,active,01/01/2015
                0100109106,Công ty B mới,01/01/2016,Tổ 2,,dissolved,01/03/2024
                0100112437,Công ty C,,Tổ 3,,,
                0100111948,Công ty D,01/01/2018,,,,

                """)
            let report = try importing(session, .enterprise, second)
            #expect(report.updated == 2 && report.inserted == 1 && report.unchanged == 1)
            let batch = try #require(report.batch)
            #expect(try count(session, "SELECT count(*) FROM audit_log WHERE batch = \(batch) AND action = 'update'") == 2)
            #expect(try count(session, "SELECT count(*) FROM enterprise_status_change") == statuses + 2)
            _ = try ImportBatches(session).revert(batch, context: ChangeContext(actor: "Nguyễn Thị Lan", reason: "nhập nhầm tệp"))
            #expect(try session.connection.query("SELECT string_agg(to_jsonb(e)::text, ';' ORDER BY tax_code) FROM enterprise e").scalar == before)
            let story = try History(session).changes(key: "0100109106")
            #expect(story.count == 3)
            #expect(story.last?.reason == "nhập nhầm tệp")
        }
    }
}
