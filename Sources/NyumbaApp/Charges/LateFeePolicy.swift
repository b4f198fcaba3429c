/// A property's late fee: how much, and how many days after the due day it is applied.
struct LateFeePolicy: Sendable, Equatable {
    enum Rule: Sendable, Equatable {
        case none
        /// Shillings.
        case fixed(Int)
        /// Whole percent of the period's rent still unpaid.
        case percent(Int)
    }

    let rule: Rule
    /// 1–28 days after the due day.
    let afterDays: Int

    static let off = LateFeePolicy(rule: .none, afterDays: 5)
    static let days = 1...28
    static let fixedAmounts = 1...1_000_000
    static let percents = 1...100

    /// The fee for a period whose rent is `rent` when the lease owes `owed` on the day it is applied:
    /// nothing when nothing is owed. Payments go to the oldest items first, so what is owed is the
    /// newest; a percentage counts at most the period's own rent.
    func fee(rent: Int, owed: Int) -> Int {
        guard owed > 0 else { return 0 }
        switch rule {
        case .none: return 0
        case .fixed(let amount): return amount
        case .percent(let percent): return min(owed, rent) * percent / 100
        }
    }

    /// As stored: `none`, `fixed` or `percent`, and the amount or percentage.
    init(kind: String, amount: Int, afterDays: Int) {
        switch kind {
        case "fixed": rule = .fixed(amount)
        case "percent": rule = .percent(amount)
        default: rule = .none
        }
        self.afterDays = afterDays
    }

    init(rule: Rule, afterDays: Int) {
        self.rule = rule
        self.afterDays = afterDays
    }

    var kind: String {
        switch rule {
        case .none: "none"
        case .fixed: "fixed"
        case .percent: "percent"
        }
    }

    var amount: Int {
        switch rule {
        case .none: 0
        case .fixed(let amount), .percent(let amount): amount
        }
    }
}
