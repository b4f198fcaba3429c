-- Charges beyond rent, and credits: the append-only account of a lease beside its payments.
-- Rent is not stored: it falls due under the lease's schedule (RentSchedule). A charge is never
-- edited or deleted; a mistake is reversed by a credit (a negative amount) with a reason.
CREATE TABLE charges (
    id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
    lease_id BIGINT UNSIGNED NOT NULL,
    tenant_id BIGINT UNSIGNED NOT NULL,
    landlord_id BIGINT UNSIGNED NOT NULL,
    property_id BIGINT UNSIGNED NOT NULL,
    kind ENUM('deposit', 'late_fee', 'utility', 'service_charge', 'one_off', 'credit') NOT NULL,
    -- Whole shillings: positive for a charge, negative for a credit.
    amount INT NOT NULL,
    -- The Nairobi day it falls due; never after the day it was recorded.
    due_on DATE NOT NULL,
    description VARCHAR(200) NOT NULL,
    -- Why a credit was given (required for credits).
    reason VARCHAR(500) NULL,
    -- The charge a credit reverses or waives, if any.
    reverses_id BIGINT UNSIGNED NULL,
    -- Claimed once by whoever applies an automatic charge (e.g. a late fee per lease and month),
    -- so that any number of background loops apply it once. NULLs never collide.
    claim_key VARCHAR(80) NULL,
    created_at DATETIME(6) NOT NULL,
    created_by BIGINT UNSIGNED NULL,
    UNIQUE KEY charges_claim (claim_key),
    KEY charges_lease (lease_id, due_on),
    KEY charges_landlord (landlord_id, due_on, lease_id, kind, amount),
    KEY charges_property (property_id, due_on, landlord_id, lease_id, kind, amount),
    KEY charges_reverses (reverses_id),
    CONSTRAINT charges_lease_fk FOREIGN KEY (lease_id) REFERENCES leases (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every charge minus every credit of a lease, kept in the transaction of each charge like
-- total_paid: a balance today is then read from the lease row alone (charges are never dated
-- after the day they are recorded, so this is also what is due by today).
ALTER TABLE leases ADD COLUMN total_charged BIGINT NOT NULL DEFAULT 0;

-- The lease's deposit (its 'deposit' charges), kept with each one, and whether it has been settled
-- at the end of the lease: the dashboard's deposits held come from the lease rows it reads anyway
-- (held = the deposit as far as paid, payments going to the oldest items first).
ALTER TABLE leases
    ADD COLUMN deposit BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN deposit_settled TINYINT(1) NOT NULL DEFAULT 0;

-- Charges less credits falling due per property and calendar month, deposits left out (held, not
-- income): kept in the transaction of each charge like property_month_totals, so that the
-- dashboard's expected figures read one row per property and month, not every charge.
CREATE TABLE property_month_charges (
    property_id BIGINT UNSIGNED NOT NULL,
    month DATE NOT NULL,
    landlord_id BIGINT UNSIGNED NOT NULL,
    charged BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (property_id, month),
    KEY property_month_charges_landlord (landlord_id, month, charged)
) ENGINE=InnoDB;

-- The dashboard's covering index, now with what the charges add.
ALTER TABLE leases
    DROP KEY leases_dashboard,
    ADD KEY leases_dashboard (landlord_id, property_id, end_date, start_date, due_day, monthly_rent, total_paid,
                              total_charged, deposit, deposit_settled);
