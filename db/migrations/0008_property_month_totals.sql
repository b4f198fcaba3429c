-- Collected per property per calendar month (Nairobi), kept with every payment like
-- lease_month_totals: the all-properties and property charts then read one row per
-- property and month instead of one per lease and month.
CREATE TABLE property_month_totals (
    property_id BIGINT UNSIGNED NOT NULL,
    month DATE NOT NULL,
    landlord_id BIGINT UNSIGNED NOT NULL,
    collected BIGINT NOT NULL DEFAULT 0,
    payments INT NOT NULL DEFAULT 0,
    PRIMARY KEY (property_id, month),
    KEY property_month_totals_landlord (landlord_id, month, collected)
) ENGINE=InnoDB;

INSERT INTO property_month_totals (property_id, month, landlord_id, collected, payments)
SELECT property_id, month, landlord_id, SUM(collected), SUM(payments)
FROM lease_month_totals GROUP BY property_id, month, landlord_id;
