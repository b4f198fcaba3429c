/// What open leases owe today, by how long it has been due: 0–30, 31–60, 61–90 and over 90 days.
/// Payments and credits go to the oldest items first, so what is owed is the newest rent and
/// charges: a lease's balance is spread over its items from the newest back.
enum ArrearsAgeing {
    /// The buckets' upper ages in days; older is the last bucket.
    static let limits = [30, 60, 90]

    /// The first day of each bucket counted back from `today` (a due day on or after it is that young).
    static func bucketStarts(today: CalendarDay) -> [CalendarDay] { limits.map { today.adding(days: -$0) } }

    /// Sums the owing leases' balances by age. `charges` holds, per lease id, the charges due in each
    /// of the first three buckets.
    static func buckets(_ leases: [LeaseStanding], charges: [Int64: [Int]], today: CalendarDay) -> [Int] {
        let starts = bucketStarts(today: today)
        var totals = [0, 0, 0, 0]
        for lease in leases where lease.isOpen {
            var owed = lease.balance(asOf: today)
            guard owed > 0 else { continue }
            var due = charges[lease.id] ?? [0, 0, 0]
            for date in lease.schedule.dueDates(from: starts[2], through: today) {
                let bucket = starts.firstIndex { date >= $0 } ?? 2
                due[bucket] += lease.schedule.monthlyRent
            }
            for bucket in 0..<3 {
                let part = min(owed, due[bucket])
                totals[bucket] += part
                owed -= part
            }
            totals[3] += owed
        }
        return totals
    }
}
