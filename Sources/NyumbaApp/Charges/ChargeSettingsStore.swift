import MariaDB

/// The SQL of what each property charges beyond rent; every query names the landlord.
struct ChargeSettingsStore {
    let db: Connection

    /// The property's late fee (off when never set).
    func lateFee(property: PropertyID, landlord: UserID) throws -> LateFeePolicy {
        try db.queryOne(
            """
            SELECT late_fee_kind, late_fee_amount, late_fee_days FROM property_charge_settings
            WHERE property_id = ? AND landlord_id = ?
            """, property.raw, landlord.raw
        ).map {
            LateFeePolicy(
                kind: try $0.string("late_fee_kind"), amount: try $0.int("late_fee_amount"),
                afterDays: try $0.int("late_fee_days"))
        } ?? .off
    }

    /// Saves the late fee of one of the landlord's properties (already checked to be theirs).
    func saveLateFee(_ policy: LateFeePolicy, property: PropertyID, landlord: UserID) throws {
        try db.execute(
            """
            INSERT INTO property_charge_settings (property_id, landlord_id, late_fee_kind, late_fee_amount,
                                                  late_fee_days, updated_at)
            VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(6))
            ON DUPLICATE KEY UPDATE late_fee_kind = VALUES(late_fee_kind), late_fee_amount = VALUES(late_fee_amount),
                late_fee_days = VALUES(late_fee_days), updated_at = VALUES(updated_at)
            """, property.raw, landlord.raw, policy.kind, policy.amount, policy.afterDays)
    }
}
