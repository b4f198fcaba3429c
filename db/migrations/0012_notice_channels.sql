-- One outbox for every channel that leaves the building (email and SMS): each row names its
-- channel, and each channel's sender claims only its own rows, so the outbox's guarantees
-- (SKIP LOCKED claims, back-off, never sent twice, failures visible) hold per channel.
-- An SMS row keeps the number in `recipient`, an empty `subject`, the text in `text_body`,
-- and what the gateway said: its message id (which delivery reports name), the parts billed,
-- the cost as given, and the last delivery report's status.
ALTER TABLE outbox
    ADD COLUMN channel ENUM('email', 'sms') NOT NULL DEFAULT 'email' AFTER kind,
    ADD COLUMN provider_message_id VARCHAR(100) NULL,
    ADD COLUMN segments TINYINT UNSIGNED NULL,
    ADD COLUMN cost VARCHAR(40) NULL,
    ADD COLUMN delivery_status VARCHAR(20) NULL,
    ADD COLUMN delivery_failure VARCHAR(100) NULL,
    ADD COLUMN delivered_at DATETIME(6) NULL,
    DROP KEY outbox_due,
    ADD KEY outbox_due (channel, status, next_attempt_at),
    ADD KEY outbox_provider_message (provider_message_id),
    -- A landlord's count of SMS sent this month.
    ADD KEY outbox_landlord_channel (landlord_id, channel, created_at);

-- A notification stores its kind and parameters (JSON) and is put into words when shown;
-- `message` stays only for the lines written before.
ALTER TABLE notifications
    MODIFY message VARCHAR(500) NULL,
    ADD COLUMN parameters TEXT NULL;

-- Each person may turn SMS off; a landlord may turn SMS reminders off for a property.
ALTER TABLE users ADD COLUMN sms_enabled BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE properties ADD COLUMN sms_reminders BOOLEAN NOT NULL DEFAULT TRUE;
