import MariaDB

/// How many charges of each kind the seed added.
struct BenchChargeCounts: Sendable {
    var deposits = 0
    var water = 0
    var lateFees = 0
}

extension BenchSeed {
    /// Charges beyond rent on a share of leases, each drawn from the unit's own random stream:
    /// 20% a deposit of two months' rent due at the start (not paid separately: the lease's first
    /// payments pay it, oldest item first, and those tenants owe two months' rent at the end), 30%
    /// water every month (200–1,500, due on the 25th), 10% a late fee of 10% of the rent in about
    /// one month in six (due on the due day + 5). Never dated after today; the leases'
    /// running totals are filled in with the other summaries.
    func insertCharges() throws -> BenchChargeCounts {
        let charges = BulkInsert(
            db: db, table: "charges",
            columns: [
                "lease_id", "tenant_id", "landlord_id", "property_id", "kind", "amount", "due_on", "description",
                "words", "claim_key", "created_at",
            ])
        let today = BenchTime.date(layout.today.year, layout.today.month, layout.today.day)
        let createdAt = SQLValue.text(layout.beforeHistory(days: 0))
        var counts = BenchChargeCounts()
        for unit in 0..<size.unitCount {
            var random = BenchRandom(seed: layout.seed, 7, UInt64(unit))
            let tenancy = layout.tenancy(unit)
            let property = layout.property(ofUnit: unit)
            let lease = SQLValue.int(layout.unitID(unit))
            let owners: [SQLValue] = [
                lease, .int(layout.tenantUserID(unit)),
                .int(layout.landlordUserID(layout.landlord(ofProperty: property))),
                .int(layout.propertyID(property)),
            ]
            // As the app writes them: words (the kind's name), never a sentence.
            func add(_ kind: String, _ amount: Int, _ day: String, claim: String? = nil) throws {
                guard day <= today else { return }
                try charges.add(
                    owners + [
                        .text(kind), .int(Int64(amount)), .text(day), .text(""),
                        .text(ChargeWords("charge.kind.\(kind)").stored),
                        claim.map(SQLValue.text) ?? .null,
                        createdAt,
                    ])
            }
            let (hasDeposit, hasWater, paysLate) = (random.unit() < 0.2, random.unit() < 0.3, random.unit() < 0.1)
            if hasDeposit {
                try add("deposit", 2 * tenancy.monthlyRent, layout.months[0].firstDay)
                counts.deposits += 1
            }
            for month in layout.months {
                if hasWater {
                    let amount = 100 * random.int(in: 2...15)
                    try add("utility", amount, BenchTime.date(month.year, month.month, 25))
                    counts.water += day(month, 25) <= today ? 1 : 0
                }
                if paysLate && random.int(in: 1...6) == 1 {
                    let due = day(month, tenancy.dueDay + 5)
                    try add(
                        "late_fee", tenancy.monthlyRent / 10, due,
                        claim: "late:\(layout.unitID(unit)):\(month.firstDay)")
                    counts.lateFees += due <= today ? 1 : 0
                }
            }
        }
        try charges.flush()
        return counts
    }

    private func day(_ month: BenchMonth, _ day: Int) -> String { BenchTime.date(month.year, month.month, day) }

    /// Every lease's running total of charges and the monthly charges per property (see
    /// `ChargeStore.add`), one landlord's leases at a time.
    func fillChargeTotals(first: Int64, last: Int64, landlord: Int64) throws {
        try db.execute(
            """
            INSERT INTO property_month_charges (property_id, month, landlord_id, charged)
            SELECT property_id, DATE_FORMAT(due_on, '%Y-%m-01'), landlord_id, SUM(amount) FROM charges
            WHERE landlord_id = ? AND kind <> 'deposit'
            GROUP BY property_id, DATE_FORMAT(due_on, '%Y-%m-01'), landlord_id
            """, landlord)
        try db.execute(
            """
            UPDATE leases l
            JOIN (SELECT lease_id, SUM(amount) AS charged, SUM(IF(kind = 'deposit', amount, 0)) AS deposit
                  FROM charges WHERE lease_id BETWEEN ? AND ?
                  GROUP BY lease_id) t ON t.lease_id = l.id
            SET l.total_charged = t.charged, l.deposit = t.deposit
            """, first, last)
    }
}
