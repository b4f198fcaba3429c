import MariaDB

/// The SQL of what each property charges beyond rent; every query names the landlord.
struct ChargeSettingsStore {
    let db: Connection

    /// The property's settings (nothing charged when never set).
    func settings(property: PropertyID, landlord: UserID) throws -> PropertyChargeSettings {
        try db.queryOne(
            """
            SELECT late_fee_kind, late_fee_amount, late_fee_days, garbage_fee, security_fee, water_rate, deposit_months
            FROM property_charge_settings WHERE property_id = ? AND landlord_id = ?
            """, property.raw, landlord.raw
        ).map {
            PropertyChargeSettings(
                lateFee: LateFeePolicy(
                    kind: try $0.string("late_fee_kind"), amount: try $0.int("late_fee_amount"),
                    afterDays: try $0.int("late_fee_days")),
                garbageFee: try $0.int("garbage_fee"), securityFee: try $0.int("security_fee"),
                waterRate: try $0.int("water_rate"), depositMonths: try $0.int("deposit_months"))
        } ?? PropertyChargeSettings()
    }

    /// Saves the settings of one of the landlord's properties (already checked to be theirs).
    func save(_ settings: PropertyChargeSettings, property: PropertyID, landlord: UserID) throws {
        try db.execute(
            """
            INSERT INTO property_charge_settings (property_id, landlord_id, late_fee_kind, late_fee_amount,
                late_fee_days, garbage_fee, security_fee, water_rate, deposit_months, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6))
            ON DUPLICATE KEY UPDATE late_fee_kind = VALUES(late_fee_kind), late_fee_amount = VALUES(late_fee_amount),
                late_fee_days = VALUES(late_fee_days), garbage_fee = VALUES(garbage_fee),
                security_fee = VALUES(security_fee), water_rate = VALUES(water_rate),
                deposit_months = VALUES(deposit_months), updated_at = VALUES(updated_at)
            """, property.raw, landlord.raw, settings.lateFee.kind, settings.lateFee.amount, settings.lateFee.afterDays,
            settings.garbageFee, settings.securityFee, settings.waterRate, settings.depositMonths)
    }
}
