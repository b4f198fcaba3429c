/// How dashboard months and periods read, in the reader's language.
extension Wording {
    /// `March 2025` / `Machi 2025` for a month index (`year * 12 + month - 1`).
    func month(_ index: Int) -> String {
        language == .english ? MonthMath.longName(index) : month(year: index / 12, month: index % 12 + 1)
    }

    /// `Mar` / `Mac`, the chart's label under a month's bars.
    func shortMonth(_ index: Int) -> String {
        language == .english ? MonthMath.shortName(index) : language.format.shortMonthNames[index % 12]
    }

    /// `March 2025`, or `5 Mar 2025 – 20 Apr 2025`.
    func period(_ period: DashboardPeriod) -> String {
        period.isMonth ? month(period.from.monthIndex) : "\(day(period.from)) – \(day(period.to))"
    }
}
