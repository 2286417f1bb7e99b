extension CivilDate {
    /// Contract §4 month arithmetic (Civil Code art. 147–148): the same day `months` later, or
    /// the last day of that month when it has no such day (31 Aug + 42 months = 28 Feb). The
    /// database's `khcn_add_months` (SQL/0027) computes the same.
    public func adding(months: Int) -> CivilDate? {
        let index = year * 12 + (month - 1) + months
        let newYear = index / 12, newMonth = index % 12 + 1
        return CivilDate(year: newYear, month: newMonth, day: min(day, CivilDate.daysIn(month: newMonth, year: newYear)))
    }
}
