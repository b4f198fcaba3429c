-- outbox_landlord (landlord_id, created_at) has served no query since outbox_landlord_channel
-- (landlord_id, channel, created_at) came with SMS (0012): the only query by landlord also names
-- the channel. Every payment writes two outbox rows (the receipt's email and SMS), so each
-- payment paid for two entries of an index nobody read.
ALTER TABLE outbox DROP KEY outbox_landlord;
