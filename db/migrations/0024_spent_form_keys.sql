-- The one-time keys of forms whose action must happen once, spent in the action's transaction: a
-- form posted twice (a double click, a retried request) finds its key spent and changes nothing.
-- Used by manual reminders (which would otherwise text and email every tenant twice), messages and
-- new properties. result_id is what the action made, for the answer to a second post (a property's id).
CREATE TABLE spent_form_keys (
    user_id BIGINT UNSIGNED NOT NULL,
    form_key VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    spent_at DATETIME(6) NOT NULL,
    result_id BIGINT UNSIGNED NULL,
    PRIMARY KEY (user_id, form_key),
    CONSTRAINT spent_form_keys_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB;
