-- Nyumba stores no sentence of its own: what it writes is put into the reader's words when shown.
-- A charge Nyumba writes (a late fee, a deposit and its settlement, a reversal, a monthly fee, water)
-- keeps a catalogue key and its figures as JSON in `words` (`description` stays empty); a charge the
-- landlord typed keeps their text in `description` and no `words`. Rows from before keep their
-- English description and are shown as written.
ALTER TABLE charges ADD COLUMN words TEXT NULL;

-- A reminder's subject is made from the row's own figures (amount, due date, unit) in the reader's
-- language; rows from before keep the subject they were sent with.
ALTER TABLE reminders MODIFY subject VARCHAR(200) NULL;
