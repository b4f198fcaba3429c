-- Failed logins as events, counted in a sliding window, instead of one counter per scope
-- that only reset when a lock expired. A scope is `account:<user id>`, `email:<normalised
-- email>` (for an email that matches no account), `addr:<client address>` or
-- `device:<device key id>`. Old counters are dropped: they were keyed by the email as typed.
DROP TABLE IF EXISTS login_failures;

CREATE TABLE login_failures (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    scope VARCHAR(300) NOT NULL,
    failed_at DATETIME(6) NOT NULL,
    KEY login_failures_scope (scope, failed_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- A tenant's M-Pesa prompts of the last hour are counted (at most 5 an hour).
CREATE INDEX payment_requests_tenant ON payment_requests (tenant_id, created_at);

-- Numbers other than their own that a tenant confirmed (with their password) for M-Pesa
-- prompts: prompts go only to the tenant's own phone or one of these.
CREATE TABLE tenant_payment_phones (
    tenant_id BIGINT UNSIGNED NOT NULL,
    phone CHAR(12) NOT NULL,
    confirmed_at DATETIME(6) NOT NULL,
    PRIMARY KEY (tenant_id, phone)
) ENGINE=InnoDB;
