import Foundation
import MariaDB

/// A lease as a reminder needs it: who to write to, on whose behalf, and what is owed.
struct ReminderLease {
    let id: LeaseID
    let tenantID: UserID
    let landlordID: UserID
    let propertyID: PropertyID
    let schedule: RentSchedule
    let unitLabel: String
    let propertyName: String
    let tenantName: String
    let tenantEmail: String
    let landlordName: String
    let landlordEmail: String
    /// Every payment under the lease, in shillings.
    let paid: Int

    static let select = """
        SELECT l.id, l.tenant_id, l.landlord_id, l.property_id, l.monthly_rent, l.due_day, l.start_date, l.end_date,
               u.label, p.name AS property_name, t.name AS tenant_name, t.email AS tenant_email,
               o.name AS landlord_name, o.email AS landlord_email,
               l.total_paid AS paid
        FROM leases l JOIN units u ON u.id = l.unit_id JOIN properties p ON p.id = l.property_id
        JOIN users t ON t.id = l.tenant_id JOIN users o ON o.id = l.landlord_id
        """

    init(row: Row) throws {
        id = LeaseID(try row.int64("id"))
        tenantID = UserID(try row.int64("tenant_id"))
        landlordID = UserID(try row.int64("landlord_id"))
        propertyID = PropertyID(try row.int64("property_id"))
        schedule = try RentSchedule(row: row)
        unitLabel = try row.string("label")
        propertyName = try row.string("property_name")
        tenantName = try row.string("tenant_name")
        tenantEmail = try row.string("tenant_email")
        landlordName = try row.string("landlord_name")
        landlordEmail = try row.string("landlord_email")
        paid = try row.int("paid")
    }

    var isOpen: Bool { schedule.end == nil }

    /// Rent due by `day` minus every payment; negative is credit.
    func balance(asOf day: CalendarDay) -> Int { schedule.rentDue(asOf: day) - paid }
}
