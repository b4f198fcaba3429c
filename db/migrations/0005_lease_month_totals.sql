-- Summary figures for the dashboard, kept up to date in the transaction of every
-- payment (LedgerStore.record), so that no page scans a landlord's payments.

-- What each lease collected in each calendar month (Africa/Nairobi).
CREATE TABLE lease_month_totals (
    lease_id BIGINT UNSIGNED NOT NULL,
    -- The first day of the month, in Nairobi time.
    month DATE NOT NULL,
    landlord_id BIGINT UNSIGNED NOT NULL,
    property_id BIGINT UNSIGNED NOT NULL,
    collected BIGINT NOT NULL DEFAULT 0,
    payments INT NOT NULL DEFAULT 0,
    PRIMARY KEY (lease_id, month),
    KEY lease_month_totals_landlord (landlord_id, month),
    KEY lease_month_totals_property (property_id, month)
) ENGINE=InnoDB;

-- Everything a lease has been paid, for its balance without summing its payments.
ALTER TABLE leases ADD COLUMN total_paid BIGINT NOT NULL DEFAULT 0;

INSERT INTO lease_month_totals (lease_id, month, landlord_id, property_id, collected, payments)
SELECT lease_id, DATE_FORMAT(paid_at + INTERVAL 3 HOUR, '%Y-%m-01'), landlord_id, property_id, SUM(amount), COUNT(*)
FROM payments GROUP BY lease_id, DATE_FORMAT(paid_at + INTERVAL 3 HOUR, '%Y-%m-01'), landlord_id, property_id;

UPDATE leases l SET total_paid = (SELECT COALESCE(SUM(p.amount), 0) FROM payments p WHERE p.lease_id = l.id);
