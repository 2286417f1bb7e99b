import Postgres

/// The reads that the registers' own checks share, before a write that would otherwise fail on
/// a rule with less to say: whether a numbered record is in this province's register, and
/// whether a record may take its final, dated step.
extension RegistrySession {
    /// Whether `table` holds a row whose `key` column is `value` in this province.
    func holds(_ table: String, key: String, _ value: String) throws(RegistryError) -> Bool {
        try read {
            try connection.query("SELECT 1 FROM \(sql: table) WHERE province_code = \(province) AND \(sql: key) = \(value)").first != nil
        }
    }

    /// The final, dated step of a record that a dated step began: revoking a certificate (issued,
    /// then revoked or invalidated), cancelling a GI certificate (granted, then cancelled). It
    /// sets `ended` to `date` (and `also`, more columns) and returns what `then` reads in the same
    /// transaction. The record must be there (else `notFound`); it must not have ended already,
    /// for the ending is final and no rule of the database says so (a plain UPDATE could re-date
    /// it); and the step must not come before it began, which the table's CHECK refuses too but
    /// without naming both days and the `--on` option. The words get the day it ended (as
    /// Vietnamese writes it, as stored) or the day it began.
    func end<T>(
        _ table: String, key: String, _ value: String, began: String, ended: String, on date: CivilDate, also: Query = "",
        context: ChangeContext, notFound: RegistryError,
        alreadyEnded: (_ vietnamese: String, _ stored: String) -> (vi: String, en: String),
        before: (_ began: CivilDate) -> (vi: String, en: String),
        then: () throws -> T
    ) throws(RegistryError) -> T {
        let row = try read {
            try connection.query(
                """
                SELECT \(sql: began)::text AS began, \(sql: ended)::text AS ended
                  FROM \(sql: table) WHERE province_code = \(province) AND \(sql: key) = \(value)
                """).first
        }
        guard let row else { throw notFound }
        if let stored = row["ended"] {
            let words = alreadyEnded(CivilDate(iso: stored)?.vietnamese ?? stored, stored)
            throw RegistryError.invalid(key, value, vi: words.vi, en: words.en)
        }
        if let began = row["began"].flatMap({ CivilDate(iso: $0) }), date < began {
            let words = before(began)
            throw RegistryError.invalidOn(date, vi: words.vi, en: words.en)
        }
        return try write(context) {
            try connection.query(
                "UPDATE \(sql: table) SET \(sql: ended) = \(date)::date\(also) WHERE province_code = \(province) AND \(sql: key) = \(value)")
            return try then()
        }
    }
}
