-- What a property charges beyond rent; one row per property that has set anything (none: no row).
CREATE TABLE property_charge_settings (
    property_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
    landlord_id BIGINT UNSIGNED NOT NULL,
    -- A late fee: none, a fixed amount (shillings) or a percentage of the period's rent still unpaid.
    late_fee_kind ENUM('none', 'fixed', 'percent') NOT NULL DEFAULT 'none',
    late_fee_amount INT UNSIGNED NOT NULL DEFAULT 0,
    -- Applied this many days after the due day when rent is still owed.
    late_fee_days TINYINT UNSIGNED NOT NULL DEFAULT 5,
    updated_at DATETIME(6) NOT NULL,
    KEY property_charge_settings_late (late_fee_kind, late_fee_days),
    CONSTRAINT property_charge_settings_property_fk FOREIGN KEY (property_id) REFERENCES properties (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Each (lease, rent period) is looked at once for a late fee, by whichever background loop claims it
-- first (the primary key decides, across nodes); the claim is kept when nothing was owed, so a
-- tenant who paid on time is not looked at again. charge_id names the fee when one was applied.
CREATE TABLE late_fee_checks (
    lease_id BIGINT UNSIGNED NOT NULL,
    -- The first day of the month of the due day the fee is about.
    period DATE NOT NULL,
    charge_id BIGINT UNSIGNED NULL,
    checked_at DATETIME(6) NOT NULL,
    PRIMARY KEY (lease_id, period)
) ENGINE=InnoDB;
