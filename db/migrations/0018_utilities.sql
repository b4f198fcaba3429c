-- Monthly fixed charges per let unit (garbage, security), falling due on the rent's due day, and
-- metered water at a rate per unit of water (m³), per property.
ALTER TABLE property_charge_settings
    ADD COLUMN garbage_fee INT UNSIGNED NOT NULL DEFAULT 0,
    ADD COLUMN security_fee INT UNSIGNED NOT NULL DEFAULT 0,
    ADD COLUMN water_rate INT UNSIGNED NOT NULL DEFAULT 0;

-- Water meter readings, entered by the landlord for a whole property at once; each reading after
-- the first of a let unit charges (reading − previous) × the rate to the lease (charge_id).
CREATE TABLE meter_readings (
    id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
    unit_id BIGINT UNSIGNED NOT NULL,
    property_id BIGINT UNSIGNED NOT NULL,
    landlord_id BIGINT UNSIGNED NOT NULL,
    lease_id BIGINT UNSIGNED NULL,
    reading INT UNSIGNED NOT NULL,
    read_on DATE NOT NULL,
    charge_id BIGINT UNSIGNED NULL,
    created_at DATETIME(6) NOT NULL,
    created_by BIGINT UNSIGNED NULL,
    UNIQUE KEY meter_readings_unit_day (unit_id, read_on),
    KEY meter_readings_property (property_id, landlord_id),
    CONSTRAINT meter_readings_unit_fk FOREIGN KEY (unit_id) REFERENCES units (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Deposits: a property's default deposit in months of rent, charged at approval (kind 'deposit');
-- what was done with a deposit when its lease ended (refunded to the tenant, kept against what they
-- owed), once per lease. A deposit is held, not income.
ALTER TABLE property_charge_settings
    ADD COLUMN deposit_months TINYINT UNSIGNED NOT NULL DEFAULT 0;

CREATE TABLE deposit_settlements (
    lease_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
    landlord_id BIGINT UNSIGNED NOT NULL,
    property_id BIGINT UNSIGNED NOT NULL,
    deposit INT NOT NULL,
    held INT NOT NULL,
    refunded INT NOT NULL,
    kept INT NOT NULL,
    reason VARCHAR(500) NULL,
    settled_on DATE NOT NULL,
    created_at DATETIME(6) NOT NULL,
    created_by BIGINT UNSIGNED NULL,
    KEY deposit_settlements_landlord (landlord_id, property_id),
    CONSTRAINT deposit_settlements_lease_fk FOREIGN KEY (lease_id) REFERENCES leases (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
