-- Accounts, properties, units, tenancy requests, leases, sessions, password resets,
-- login throttling, the email outbox and landlord notifications.
-- Money is whole Kenyan shillings (INT); times are UTC.

CREATE TABLE users (
    id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
    role ENUM('landlord', 'tenant') NOT NULL,
    name VARCHAR(120) NOT NULL,
    email VARCHAR(254) NOT NULL,
    phone CHAR(12) NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    -- Landlords are active at once; tenants wait for approval.
    status ENUM('active', 'pending', 'rejected') NOT NULL,
    -- Raised to sign out every session (password change, reset, logout everywhere).
    token_version INT UNSIGNED NOT NULL DEFAULT 0,
    created_at DATETIME(6) NOT NULL,
    UNIQUE KEY users_email (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE properties (
    id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
    landlord_id BIGINT UNSIGNED NOT NULL,
    name VARCHAR(120) NOT NULL,
    location VARCHAR(200) NOT NULL,
    -- Typed by tenants at sign-up.
    code CHAR(6) NOT NULL,
    -- In the invite link: long enough not to be guessed.
    invite_token CHAR(22) NOT NULL,
    default_rent INT UNSIGNED NOT NULL,
    created_at DATETIME(6) NOT NULL,
    UNIQUE KEY properties_code (code),
    UNIQUE KEY properties_invite (invite_token),
    KEY properties_landlord (landlord_id, name),
    CONSTRAINT properties_landlord_fk FOREIGN KEY (landlord_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE units (
    id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
    property_id BIGINT UNSIGNED NOT NULL,
    label VARCHAR(12) NOT NULL,
    monthly_rent INT UNSIGNED NOT NULL,
    UNIQUE KEY units_label (property_id, label),
    CONSTRAINT units_property_fk FOREIGN KEY (property_id) REFERENCES properties (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A tenant's request to be let in to a property, decided by its landlord.
CREATE TABLE tenancy_requests (
    id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
    tenant_id BIGINT UNSIGNED NOT NULL,
    property_id BIGINT UNSIGNED NOT NULL,
    requested_unit VARCHAR(12) NULL,
    status ENUM('pending', 'approved', 'rejected') NOT NULL DEFAULT 'pending',
    reason VARCHAR(500) NULL,
    created_at DATETIME(6) NOT NULL,
    decided_at DATETIME(6) NULL,
    KEY tenancy_requests_property (property_id, status),
    KEY tenancy_requests_tenant (tenant_id),
    CONSTRAINT tenancy_requests_tenant_fk FOREIGN KEY (tenant_id) REFERENCES users (id),
    CONSTRAINT tenancy_requests_property_fk FOREIGN KEY (property_id) REFERENCES properties (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE leases (
    id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
    tenant_id BIGINT UNSIGNED NOT NULL,
    unit_id BIGINT UNSIGNED NOT NULL,
    -- Copied from the unit so that every landlord query can filter on it directly.
    property_id BIGINT UNSIGNED NOT NULL,
    landlord_id BIGINT UNSIGNED NOT NULL,
    monthly_rent INT UNSIGNED NOT NULL,
    due_day TINYINT UNSIGNED NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE NULL,
    created_at DATETIME(6) NOT NULL,
    -- At most one open lease per unit.
    open_unit_id BIGINT UNSIGNED AS (IF(end_date IS NULL, unit_id, NULL)) PERSISTENT,
    UNIQUE KEY leases_one_open_per_unit (open_unit_id),
    KEY leases_unit (unit_id),
    KEY leases_tenant (tenant_id),
    KEY leases_landlord (landlord_id, property_id),
    CONSTRAINT leases_tenant_fk FOREIGN KEY (tenant_id) REFERENCES users (id),
    CONSTRAINT leases_unit_fk FOREIGN KEY (unit_id) REFERENCES units (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Refresh tokens by id (the JWT's jti); a family is one login, across rotations.
CREATE TABLE refresh_tokens (
    id CHAR(32) NOT NULL PRIMARY KEY,
    user_id BIGINT UNSIGNED NOT NULL,
    family_id CHAR(32) NOT NULL,
    created_at DATETIME(6) NOT NULL,
    expires_at DATETIME(6) NOT NULL,
    rotated_at DATETIME(6) NULL,
    revoked_at DATETIME(6) NULL,
    KEY refresh_tokens_user (user_id),
    KEY refresh_tokens_family (family_id),
    CONSTRAINT refresh_tokens_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=ascii;

CREATE TABLE password_resets (
    id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
    user_id BIGINT UNSIGNED NOT NULL,
    -- SHA-256 of the token in the emailed link; the token itself is never stored.
    token_hash BINARY(32) NOT NULL,
    created_at DATETIME(6) NOT NULL,
    expires_at DATETIME(6) NOT NULL,
    used_at DATETIME(6) NULL,
    UNIQUE KEY password_resets_token (token_hash),
    KEY password_resets_user (user_id),
    CONSTRAINT password_resets_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB;

-- Failed logins per account ("email:…") and per client address ("addr:…").
CREATE TABLE login_failures (
    scope VARCHAR(300) NOT NULL PRIMARY KEY,
    failures INT UNSIGNED NOT NULL,
    last_failure_at DATETIME(6) NOT NULL,
    locked_until DATETIME(6) NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Every email is written here in the transaction of the change that causes it,
-- then delivered by a mailer that claims rows with SKIP LOCKED.
CREATE TABLE outbox (
    id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
    kind VARCHAR(40) NOT NULL,
    -- The landlord in whose log the email appears, if any.
    landlord_id BIGINT UNSIGNED NULL,
    recipient VARCHAR(254) NOT NULL,
    recipient_name VARCHAR(120) NOT NULL,
    reply_to VARCHAR(254) NULL,
    subject VARCHAR(200) NOT NULL,
    text_body MEDIUMTEXT NOT NULL,
    html_body MEDIUMTEXT NULL,
    status ENUM('queued', 'sent', 'failed') NOT NULL DEFAULT 'queued',
    attempts INT UNSIGNED NOT NULL DEFAULT 0,
    next_attempt_at DATETIME(6) NOT NULL,
    last_error VARCHAR(500) NULL,
    created_at DATETIME(6) NOT NULL,
    sent_at DATETIME(6) NULL,
    KEY outbox_due (status, next_attempt_at),
    KEY outbox_landlord (landlord_id, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What the landlord's notifications tab lists besides pending tenants.
CREATE TABLE notifications (
    id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
    landlord_id BIGINT UNSIGNED NOT NULL,
    kind VARCHAR(40) NOT NULL,
    message VARCHAR(500) NOT NULL,
    link VARCHAR(200) NULL,
    created_at DATETIME(6) NOT NULL,
    KEY notifications_landlord (landlord_id, created_at),
    CONSTRAINT notifications_landlord_fk FOREIGN KEY (landlord_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
