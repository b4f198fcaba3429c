/// Whole Kenyan shillings as people read them.
enum Money {
    /// `12500` → `KES 12,500`.
    static func kes(_ amount: Int) -> String {
        let digits = String(amount.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (amount < 0 ? "KES -" : "KES ") + grouped
    }
}
