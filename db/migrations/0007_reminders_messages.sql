-- Rent reminders (manual and automatic) and messages between tenants and landlords.
-- Each row points at the outbox row of its email: that row's status is its delivery status.

-- A landlord's automatic reminder occasions, in days from each lease's due day
-- (-3 = three days before, 0 = on the day, 5 = five days after).
CREATE TABLE reminder_occasions (
    landlord_id BIGINT UNSIGNED NOT NULL,
    offset_days TINYINT NOT NULL,
    PRIMARY KEY (landlord_id, offset_days),
    CONSTRAINT reminder_occasions_landlord_fk FOREIGN KEY (landlord_id) REFERENCES users (id)
) ENGINE=InnoDB;

-- Every rent reminder. An automatic one carries the month of its due date and its
-- occasion: the unique key lets each go out once per lease, month and occasion, however
-- many schedulers run. A manual one leaves both NULL (NULLs never collide).
CREATE TABLE reminders (
    id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
    landlord_id BIGINT UNSIGNED NOT NULL,
    lease_id BIGINT UNSIGNED NOT NULL,
    tenant_id BIGINT UNSIGNED NOT NULL,
    kind ENUM('manual', 'automatic') NOT NULL,
    month DATE NULL,
    occasion TINYINT NULL,
    amount_due INT NOT NULL,
    due_date DATE NULL,
    subject VARCHAR(200) NOT NULL,
    -- NULL when the scheduler found nothing due (the tenant had paid): claimed, not sent.
    outbox_id BIGINT UNSIGNED NULL,
    created_at DATETIME(6) NOT NULL,
    UNIQUE KEY reminders_once (lease_id, month, occasion),
    KEY reminders_landlord (landlord_id, created_at),
    CONSTRAINT reminders_lease_fk FOREIGN KEY (lease_id) REFERENCES leases (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Messages between a tenant and their landlord, both ways.
CREATE TABLE messages (
    id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
    landlord_id BIGINT UNSIGNED NOT NULL,
    tenant_id BIGINT UNSIGNED NOT NULL,
    lease_id BIGINT UNSIGNED NOT NULL,
    direction ENUM('to_landlord', 'to_tenant') NOT NULL,
    subject VARCHAR(120) NOT NULL,
    body TEXT NOT NULL,
    outbox_id BIGINT UNSIGNED NOT NULL,
    created_at DATETIME(6) NOT NULL,
    KEY messages_landlord (landlord_id, created_at),
    -- The hourly limits count a sender's recent messages.
    KEY messages_tenant (tenant_id, direction, created_at),
    KEY messages_lease (lease_id, created_at),
    CONSTRAINT messages_lease_fk FOREIGN KEY (lease_id) REFERENCES leases (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
