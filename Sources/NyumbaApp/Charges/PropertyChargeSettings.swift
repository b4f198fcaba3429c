/// What a property charges beyond rent: a late fee, monthly fixed charges per let unit, and the
/// price of a unit of metered water.
struct PropertyChargeSettings: Sendable, Equatable {
    var lateFee = LateFeePolicy.off
    /// Shillings per let unit per month, due on the rent's due day (0: none).
    var garbageFee = 0
    var securityFee = 0
    /// Shillings per unit of water (m³) between two readings (0: water is not billed).
    var waterRate = 0
    /// The deposit a new lease is charged by default, in months of its rent (0: none).
    var depositMonths = 0

    static let monthlyAmounts = 0...1_000_000
    static let waterRates = 0...100_000
    static let depositMonthsRange = 0...12

    /// The monthly fixed charges that are set: their name (claim key, and `charge.text.<name>`), amount.
    var monthlyCharges: [(key: String, amount: Int)] {
        [("garbage", garbageFee), ("security", securityFee)].filter { $0.amount > 0 }
    }
}
