import Foundation
import MariaDB

/// Adds each property's monthly fixed charges (garbage, security) to every open lease on its rent's
/// due day: once per lease, charge and month (the charge's claim key), however often this runs and
/// however many processes run it.
struct MonthlyCharges {
    let db: Connection
    let versions: LandlordDataVersions

    static let batchSize = 200

    /// Adds what falls due on `today` (Nairobi); returns how many charges were added.
    func run(today: CalendarDay) throws -> Int {
        var added = 0
        while true {
            let due = try dueLeases(today: today, limit: Self.batchSize)
            for (lease, settings) in due { added += try add(settings, to: lease, today: today) }
            if due.count < Self.batchSize { return added }
        }
    }

    /// The claim key of one monthly charge of a lease for the month of `day`.
    static func claimKey(_ name: String, lease: LeaseID, day: CalendarDay) -> String {
        "\(name):\(lease):\(day.firstOfMonth)"
    }

    /// Open leases due today (started by today) in properties with a monthly charge not yet added.
    private func dueLeases(today: CalendarDay, limit: Int) throws -> [(LeaseID, PropertyChargeSettings)] {
        let month = today.firstOfMonth.description
        return try db.query(
            """
            SELECT l.id, s.garbage_fee, s.security_fee
            FROM property_charge_settings s
            JOIN leases l ON l.property_id = s.property_id AND l.landlord_id = s.landlord_id AND l.end_date IS NULL
                AND l.due_day = DAY(?) AND l.start_date <= ?
            WHERE (s.garbage_fee > 0 AND NOT EXISTS (
                       SELECT 1 FROM charges c WHERE c.claim_key = CONCAT('garbage:', l.id, ':', ?)))
               OR (s.security_fee > 0 AND NOT EXISTS (
                       SELECT 1 FROM charges c WHERE c.claim_key = CONCAT('security:', l.id, ':', ?)))
            ORDER BY l.id LIMIT ?
            """, today.description, today.description, month, month, limit
        ).map {
            (
                LeaseID(try $0.int64("id")),
                PropertyChargeSettings(garbageFee: try $0.int("garbage_fee"), securityFee: try $0.int("security_fee"))
            )
        }
    }

    private func add(_ settings: PropertyChargeSettings, to id: LeaseID, today: CalendarDay) throws -> Int {
        guard let lease = try ReminderStore(db: db).lease(id), lease.isOpen else { return 0 }
        var added = 0
        for (key, amount) in settings.monthlyCharges {
            var charge = NewCharge(
                lease: lease, kind: .serviceCharge, amount: amount, dueOn: today,
                words: ChargeWords("charge.text.\(key)", ["month": .month(today)]))
            charge.claimKey = Self.claimKey(key, lease: lease.id, day: today)
            if try ChargeStore(db: db).add(charge, versions: versions) != nil { added += 1 }
        }
        return added
    }
}
