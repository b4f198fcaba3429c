-- What of each month's collected money went to the lease's deposit (held, not income), kept with
-- every payment beside collected: payments go to the oldest item first and the deposit falls due
-- at the start, so a payment's deposit part is what of the deposit its lease had not yet been paid.
-- The dashboard's collected figures are collected - deposit_collected.
ALTER TABLE lease_month_totals ADD COLUMN deposit_collected BIGINT NOT NULL DEFAULT 0;
ALTER TABLE property_month_totals
    ADD COLUMN deposit_collected BIGINT NOT NULL DEFAULT 0,
    DROP KEY property_month_totals_landlord,
    ADD KEY property_month_totals_landlord (landlord_id, month, collected, deposit_collected);

-- The months so far: the deposit part of a month is what the lease's running total paid the deposit.
UPDATE lease_month_totals m
JOIN (
    SELECT lease_id, month, LEAST(paid_through, deposit) - LEAST(paid_through - collected, deposit) AS part
    FROM (
        SELECT t.lease_id, t.month, t.collected, l.deposit,
               SUM(t.collected) OVER (PARTITION BY t.lease_id ORDER BY t.month) AS paid_through
        FROM lease_month_totals t JOIN leases l ON l.id = t.lease_id
        WHERE l.deposit > 0
    ) running
) parts ON parts.lease_id = m.lease_id AND parts.month = m.month
SET m.deposit_collected = parts.part
WHERE parts.part > 0;

UPDATE property_month_totals p
JOIN (
    SELECT property_id, month, SUM(deposit_collected) AS part FROM lease_month_totals
    WHERE deposit_collected > 0 GROUP BY property_id, month
) parts ON parts.property_id = p.property_id AND parts.month = p.month
SET p.deposit_collected = parts.part;
