import MariaDB

/// How many of each kind the payment history has.
struct BenchPaymentCounts: Sendable {
    var payments = 0
    var stk = 0
    var manual = 0
    /// Lease-months paid in full at once, in parts, or not at all.
    var fullMonths = 0
    var partialMonths = 0
    var unpaidMonths = 0
}

extension BenchSeed {
    /// Every lease-month of the history: 85% one full payment, 10% two or three parts
    /// adding up to the rent, 5% nothing; paid on the 1st–15th (before today in the
    /// current month); 90% STK with a CheckoutRequestID and receipt, 10% cash or bank.
    /// Written month by month, so payment ids follow time as they would in real life.
    func insertPayments() throws -> BenchPaymentCounts {
        let payments = BulkInsert(
            db: db, table: "payments",
            columns: [
                "id", "lease_id", "tenant_id", "landlord_id", "property_id", "unit_id", "amount", "channel", "method",
                "receipt", "reference", "phone", "checkout_request_id", "paid_at", "recorded_at", "recorded_by",
            ])
        let tenancies = (0..<size.unitCount).map(layout.tenancy)
        var counts = BenchPaymentCounts()
        for (monthIndex, month) in layout.months.enumerated() {
            let days = paymentDays(in: month)
            for unit in 0..<size.unitCount {
                var random = BenchRandom(seed: layout.seed, 4, UInt64(unit) * 1_000 + UInt64(monthIndex))
                let parts = split(tenancies[unit].monthlyRent, &random, counts: &counts)
                let paidDays = parts.map { _ in random.int(in: days) }.sorted()
                for (amount, day) in zip(parts, paidDays) {
                    let row = payment(
                        index: counts.payments, unit: unit, amount: amount, tenancy: tenancies[unit],
                        moment: moment(month, day, &random), random: &random, counts: &counts)
                    try payments.add(row)
                    counts.payments += 1
                }
            }
        }
        try payments.flush()
        return counts
    }

    /// The rent as paid in one lease-month: once, in two or three parts, or not at all.
    private func split(_ rent: Int, _ random: inout BenchRandom, counts: inout BenchPaymentCounts) -> [Int] {
        let draw = random.unit()
        if draw < 0.85 {
            counts.fullMonths += 1
            return [rent]
        }
        if draw >= 0.95 {
            counts.unpaidMonths += 1
            return []
        }
        counts.partialMonths += 1
        let hundreds = rent / 100
        if random.int(in: 2...3) == 2 {
            let first = 100 * random.int(in: hundreds * 3 / 10...hundreds * 7 / 10)
            return [first, rent - first]
        }
        let first = 100 * random.int(in: hundreds * 2 / 10...hundreds * 4 / 10)
        let second = 100 * random.int(in: hundreds * 2 / 10...hundreds * 4 / 10)
        return [first, second, rent - first - second]
    }

    /// The 1st–15th; in the current month only days before today (the 1st itself on the 1st).
    private func paymentDays(in month: BenchMonth) -> ClosedRange<Int> {
        guard month.year == layout.today.year, month.month == layout.today.month else { return 1...15 }
        return 1...max(1, min(15, layout.today.day - 1))
    }

    /// A Nairobi time of day on `day`: daytime, or the first minute when today is the 1st.
    private func moment(_ month: BenchMonth, _ day: Int, _ random: inout BenchRandom) -> BenchMoment {
        let isFirstMinute =
            layout.today.day == 1 && month.year == layout.today.year
            && month.month == layout.today.month
        let hour = isFirstMinute ? 0 : random.int(in: 6...21)
        let minute = isFirstMinute ? 0 : random.int(in: 0...59)
        return BenchMoment(
            year: month.year, month: month.month, day: day, hour: hour, minute: minute, second: random.int(in: 0...59))
    }

    private func payment(
        index: Int, unit: Int, amount: Int, tenancy: BenchTenancy, moment: BenchMoment, random: inout BenchRandom,
        counts: inout BenchPaymentCounts
    ) -> [SQLValue] {
        let property = layout.property(ofUnit: unit)
        let landlord = SQLValue.int(layout.landlordUserID(layout.landlord(ofProperty: property)))
        let id = SQLValue.int(layout.unitID(unit))
        let paidAt = SQLValue.text(moment.utc)
        let isSTK = random.unit() < 0.9
        let isCash = random.unit() < 0.5
        var row: [SQLValue] = [
            .int(Int64(index + 1)), id, .int(layout.tenantUserID(unit)), landlord, .int(layout.propertyID(property)),
            id, .int(Int64(amount)),
        ]
        if isSTK {
            counts.stk += 1
            row += [
                "stk", nil, .text(receipt(index, year: moment.year)), nil, .text(tenancy.phone),
                .text("ws_CO_" + moment.darajaDayFirst + BenchTime.pad(index, 9)), paidAt, paidAt, nil,
            ]
        } else {
            counts.manual += 1
            let reference = isCash ? "Cash book p. \(index % 300 + 1)" : "Bank slip \(BenchTime.pad(index, 8))"
            row += [
                "manual", isCash ? "cash" : "bank", nil, .text(reference), nil, nil, paidAt, paidAt, landlord,
            ]
        }
        return row
    }

    /// An M-Pesa-like receipt: the year's letter (2024 is S) and nine base-36 symbols of
    /// a bijective scramble of the payment's index, so no two payments share one.
    func receipt(_ index: Int, year: Int) -> String {
        let space: UInt64 = 101_559_956_668_416  // 36^9
        var value = (UInt64(index) &* 2_654_435_761 &+ (layout.seed &* 0x5DEE_CE66D &+ 0xB) % space) % space
        let symbols = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        var tail = [Character](repeating: "0", count: 9)
        for position in (0..<9).reversed() {
            tail[position] = symbols[Int(value % 36)]
            value /= 36
        }
        let letter = Character(UnicodeScalar(UInt8(65 + (year - 2006).clamped(0, 25))))
        return String(letter) + String(tail)
    }
}

/// A payment's Nairobi wall-clock time.
struct BenchMoment {
    let year: Int
    let month: Int
    let day: Int
    let hour: Int
    let minute: Int
    let second: Int

    var utc: String { BenchTime.utc(year, month, day, hour, minute, second) }

    /// `DDMMYYYYHHMMSS`, as in Daraja's CheckoutRequestIDs.
    var darajaDayFirst: String {
        BenchTime.pad(day, 2) + BenchTime.pad(month, 2) + BenchTime.pad(year, 4) + BenchTime.pad(hour, 2)
            + BenchTime.pad(minute, 2) + BenchTime.pad(second, 2)
    }
}

extension Int {
    fileprivate func clamped(_ low: Int, _ high: Int) -> Int { Swift.min(Swift.max(self, low), high) }
}
