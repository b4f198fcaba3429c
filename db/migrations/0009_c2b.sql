-- A push whose answer never came (timeout, dropped connection, unreadable body) is
-- `unconfirmed`, not failed: the prompt may have reached the phone. Its paid callback, whose
-- CheckoutRequestID we never learned, is matched to it by phone and amount.
ALTER TABLE payment_requests
    MODIFY status ENUM('pending', 'succeeded', 'failed', 'cancelled', 'timed_out', 'needs_review', 'unconfirmed')
        NOT NULL DEFAULT 'pending',
    ADD KEY payment_requests_phone (phone, status, created_at);

-- Callbacks that matched no request, recent first: replayed once an unconfirmed push is known.
ALTER TABLE daraja_callbacks ADD KEY daraja_callbacks_outcome (outcome, received_at);

-- Paybill (C2B) account numbers: each unit has one, unique across the deployment, that its
-- open lease is paid with: a short property code (no O/0/I/1) and the unit label, in the
-- canonical form matching compares (upper case, letters and digits, O as 0 and I as 1).
-- Filled in by the application (`UnitAccounts`), including for units that exist already.
ALTER TABLE units
    ADD COLUMN account_no VARCHAR(12) NULL,
    ADD COLUMN account_label VARCHAR(12) NULL,
    ADD UNIQUE KEY units_account_no (account_no),
    ADD KEY units_account_label (account_label);

-- Every body posted to the C2B Validation and Confirmation URLs, kept as received.
CREATE TABLE c2b_callbacks (
    id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
    kind ENUM('validation', 'confirmation') NOT NULL,
    trans_id VARCHAR(20) NULL,
    body MEDIUMBLOB NOT NULL,
    remote_address VARCHAR(45) NOT NULL,
    outcome VARCHAR(40) NOT NULL,
    received_at DATETIME(6) NOT NULL,
    KEY c2b_callbacks_trans (trans_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One C2B payment per TransID (a duplicate confirmation changes nothing). `recorded` went
-- into the ledger; `duplicate` was there already (the same receipt through an STK callback);
-- `unmatched` waits for the shortcode's landlord (NULL: the deployment's shared shortcode,
-- seen by the operator only), who `assigned` it to a lease or marked it `not_rent`.
-- Never deleted.
CREATE TABLE c2b_payments (
    id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
    trans_id VARCHAR(20) NOT NULL,
    shortcode VARCHAR(7) NOT NULL,
    amount INT UNSIGNED NOT NULL,
    bill_ref VARCHAR(40) NOT NULL,
    msisdn VARCHAR(64) NOT NULL,
    payer_name VARCHAR(200) NOT NULL,
    paid_at DATETIME(6) NOT NULL,
    received_at DATETIME(6) NOT NULL,
    landlord_id BIGINT UNSIGNED NULL,
    lease_id BIGINT UNSIGNED NULL,
    payment_id BIGINT UNSIGNED NULL,
    status ENUM('recorded', 'duplicate', 'unmatched', 'assigned', 'not_rent') NOT NULL,
    note VARCHAR(500) NULL,
    decided_at DATETIME(6) NULL,
    UNIQUE KEY c2b_payments_trans (trans_id),
    KEY c2b_payments_landlord (landlord_id, status, received_at),
    KEY c2b_payments_status (status, received_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A landlord may have M-Pesa refuse (C2B00012) paybill payments whose account number matches
-- no lease, instead of queueing them (validation must also be enabled by Safaricom).
ALTER TABLE mpesa_settings ADD COLUMN c2b_validation TINYINT(1) NOT NULL DEFAULT 0;

-- A manual payment carries the one-time key of its form (or the API's Idempotency-Key), so a
-- double click or a retried request records it once.
ALTER TABLE payments
    ADD COLUMN idempotency_key VARCHAR(64) NULL,
    ADD UNIQUE KEY payments_idempotency (landlord_id, idempotency_key);
