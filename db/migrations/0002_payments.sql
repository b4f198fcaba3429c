-- M-Pesa payments: per-landlord Daraja settings, STK push requests and their
-- callbacks, and the append-only ledger of payments. Money is whole shillings.

-- A landlord's own shortcode and Daraja app; secrets sealed with AES-256-GCM under
-- NYUMBA_ENCRYPTION_KEY (version byte | nonce | ciphertext | tag).
CREATE TABLE mpesa_settings (
    landlord_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
    shortcode VARCHAR(7) NOT NULL,
    transaction_type ENUM('CustomerPayBillOnline', 'CustomerBuyGoodsOnline') NOT NULL,
    party_b VARCHAR(7) NOT NULL,
    consumer_key_sealed VARBINARY(512) NOT NULL,
    consumer_secret_sealed VARBINARY(512) NOT NULL,
    passkey_sealed VARBINARY(512) NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    CONSTRAINT mpesa_settings_landlord_fk FOREIGN KEY (landlord_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One STK push: pending until Daraja's callback (or the reconciler) settles it.
CREATE TABLE payment_requests (
    id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
    lease_id BIGINT UNSIGNED NOT NULL,
    tenant_id BIGINT UNSIGNED NOT NULL,
    landlord_id BIGINT UNSIGNED NOT NULL,
    property_id BIGINT UNSIGNED NOT NULL,
    amount INT UNSIGNED NOT NULL,
    phone CHAR(12) NOT NULL,
    shortcode VARCHAR(7) NOT NULL,
    merchant_request_id VARCHAR(64) NULL,
    checkout_request_id VARCHAR(64) NULL,
    status ENUM('pending', 'succeeded', 'failed', 'cancelled', 'timed_out', 'needs_review') NOT NULL DEFAULT 'pending',
    result_code INT NULL,
    result_desc VARCHAR(255) NULL,
    receipt VARCHAR(20) NULL,
    -- Set when the callback's amount differs from what was asked: shown to the landlord.
    amount_mismatch TINYINT(1) NOT NULL DEFAULT 0,
    created_at DATETIME(6) NOT NULL,
    settled_at DATETIME(6) NULL,
    -- The reconciler's schedule for asking Daraja about a request still pending.
    next_query_at DATETIME(6) NOT NULL,
    query_attempts INT UNSIGNED NOT NULL DEFAULT 0,
    UNIQUE KEY payment_requests_checkout (checkout_request_id),
    KEY payment_requests_lease (lease_id, status),
    KEY payment_requests_pending (status, next_query_at),
    KEY payment_requests_landlord (landlord_id, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every callback body as received, whether or not it matched a request.
CREATE TABLE daraja_callbacks (
    id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
    checkout_request_id VARCHAR(64) NULL,
    body MEDIUMBLOB NOT NULL,
    remote_address VARCHAR(45) NOT NULL,
    outcome VARCHAR(40) NOT NULL,
    received_at DATETIME(6) NOT NULL,
    KEY daraja_callbacks_checkout (checkout_request_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The ledger: append-only; a correction is a new entry (negative amount allowed for
-- reversals). The unique keys make a payment impossible to record twice.
CREATE TABLE payments (
    id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
    lease_id BIGINT UNSIGNED NOT NULL,
    tenant_id BIGINT UNSIGNED NOT NULL,
    landlord_id BIGINT UNSIGNED NOT NULL,
    property_id BIGINT UNSIGNED NOT NULL,
    unit_id BIGINT UNSIGNED NOT NULL,
    amount INT NOT NULL,
    channel ENUM('stk', 'c2b', 'manual') NOT NULL,
    -- M-Pesa receipt number (STK/C2B), or the landlord's reference for a manual entry.
    receipt VARCHAR(20) NULL,
    reference VARCHAR(100) NULL,
    note VARCHAR(500) NULL,
    phone CHAR(12) NULL,
    payment_request_id BIGINT UNSIGNED NULL,
    -- Checkout id for STK payments; NULL for the others (NULLs never collide).
    checkout_request_id VARCHAR(64) NULL,
    -- When the money moved (UTC); for a manual entry, the date the landlord gave.
    paid_at DATETIME(6) NOT NULL,
    recorded_at DATETIME(6) NOT NULL,
    recorded_by BIGINT UNSIGNED NULL,
    UNIQUE KEY payments_receipt (receipt),
    UNIQUE KEY payments_checkout (checkout_request_id),
    KEY payments_lease (lease_id, paid_at),
    KEY payments_landlord (landlord_id, paid_at),
    KEY payments_property (property_id, paid_at),
    KEY payments_tenant (tenant_id, paid_at),
    CONSTRAINT payments_lease_fk FOREIGN KEY (lease_id) REFERENCES leases (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
