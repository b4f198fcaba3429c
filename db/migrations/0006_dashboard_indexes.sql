-- Covering indexes for the landlord dashboard, so that its figures are read from index
-- entries alone (no row lookups), however many payments a landlord has.

-- Collected per month: all properties (landlord, month) or one property (property, month).
ALTER TABLE lease_month_totals
    DROP KEY lease_month_totals_landlord,
    ADD KEY lease_month_totals_landlord (landlord_id, month, collected),
    DROP KEY lease_month_totals_property,
    ADD KEY lease_month_totals_property (property_id, month, landlord_id, collected);

-- Expected rent, arrears and occupancy: every lease of a landlord (or of one property) with
-- what its rent schedule and running total need.
ALTER TABLE leases
    ADD KEY leases_dashboard (landlord_id, property_id, end_date, start_date, due_day, monthly_rent, total_paid);
