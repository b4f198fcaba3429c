/// The 12-month chart of collected vs expected as drawing instructions for inline SVG (integer
/// coordinates in a 720 × 400 box that the page scales to its width), plus the same figures as a
/// table for screen readers and anyone who prefers numbers.
struct DashboardChart {
    /// One month: two bars and a label.
    struct Month {
        let name: String
        let label: String
        let labelX: Int
        let expectedX: Int
        let expectedY: Int
        let expectedHeight: Int
        let collectedX: Int
        let collectedY: Int
        let collectedHeight: Int
        let collected: String
        let expected: String
        let rate: String
    }

    static let top = 40
    static let bottom = 340
    static let slot = 60
    static let barWidth = 22

    let title: String
    let scaleLabel: String
    let months: [Month]

    init(_ figures: [MonthFigures], say: Wording) {
        let largest = max(1, figures.map { max($0.collected, $0.expected) }.max() ?? 1)
        let height = Self.bottom - Self.top
        func bar(_ value: Int) -> Int { value <= 0 ? 0 : max(1, value * height / largest) }
        months = figures.enumerated().map { index, month in
            let x = index * Self.slot + 6
            let expected = bar(month.expected)
            let collected = bar(month.collected)
            return Month(
                name: say.month(month.month), label: say.shortMonth(month.month),
                labelX: index * Self.slot + Self.slot / 2, expectedX: x, expectedY: Self.bottom - expected,
                expectedHeight: expected, collectedX: x + Self.barWidth + 2, collectedY: Self.bottom - collected,
                collectedHeight: collected, collected: say.money(month.collected), expected: say.money(month.expected),
                rate: DashboardText.rate(month.collected, of: month.expected))
        }
        let first = figures.first.map { say.month($0.month) } ?? ""
        let last = figures.last.map { say.month($0.month) } ?? ""
        title = say("dashboard.chart_title", ["first": first, "last": last])
        scaleLabel = say.money(largest)
    }
}
