import Foundation
import MariaDB

/// One unit's water meter as the readings form needs it: who holds the unit, and the last reading.
struct UnitMeter: Sendable {
    let unitID: UnitID
    let label: String
    let leaseID: LeaseID?
    let tenantID: UserID?
    let tenantName: String?
    let leaseStart: CalendarDay?
    let lastReading: Int?
    let lastReadOn: CalendarDay?

    var isLet: Bool { leaseID != nil }
}

/// The SQL of water meter readings; every query names the landlord.
struct WaterMeterStore {
    let db: Connection

    /// The property's units in the order the landlord sees them, with the open lease and last reading.
    func meters(property: PropertyID, landlord: UserID) throws -> [UnitMeter] {
        try db.query(
            """
            SELECT u.id, u.label, l.id AS lease_id, l.tenant_id, l.start_date, t.name AS tenant_name,
                   r.reading, r.read_on
            FROM units u JOIN properties p ON p.id = u.property_id
            LEFT JOIN leases l ON l.unit_id = u.id AND l.end_date IS NULL
            LEFT JOIN users t ON t.id = l.tenant_id
            LEFT JOIN meter_readings r ON r.id = (
                SELECT r2.id FROM meter_readings r2 WHERE r2.unit_id = u.id ORDER BY r2.read_on DESC LIMIT 1)
            WHERE u.property_id = ? AND p.landlord_id = ?
            ORDER BY u.id
            """, property.raw, landlord.raw
        ).map {
            UnitMeter(
                unitID: UnitID(try $0.int64("id")), label: try $0.string("label"),
                leaseID: try $0.optionalInt64("lease_id").map(LeaseID.init),
                tenantID: try $0.optionalInt64("tenant_id").map(UserID.init),
                tenantName: try $0.optionalString("tenant_name"), leaseStart: try $0.optionalDay("start_date"),
                lastReading: try $0.optionalInt("reading"), lastReadOn: try $0.optionalDay("read_on"))
        }
    }

    /// Locks the property's units until the transaction ends, so that two submissions of readings
    /// for one property are checked and stored one after the other.
    func lockUnits(property: PropertyID) throws {
        _ = try db.query("SELECT id FROM units WHERE property_id = ? FOR UPDATE", property.raw)
    }

    /// Stores one reading (and the charge it made, if any).
    func insert(
        _ reading: Int, meter: UnitMeter, property: PropertyID, landlord: UserID, on day: CalendarDay,
        charge: ChargeID?
    ) throws {
        try db.execute(
            """
            INSERT INTO meter_readings (unit_id, property_id, landlord_id, lease_id, reading, read_on, charge_id,
                                        created_at, created_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6), ?)
            """, meter.unitID.raw, property.raw, landlord.raw, meter.leaseID?.raw, reading, day.description,
            charge?.raw, landlord.raw)
    }
}
