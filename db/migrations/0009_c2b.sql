-- A push whose answer never came (timeout, dropped connection, unreadable body) is
-- `unconfirmed`, not failed: the prompt may have reached the phone. Its paid callback, whose
-- CheckoutRequestID we never learned, is matched to it by phone and amount.
ALTER TABLE payment_requests
    MODIFY status ENUM('pending', 'succeeded', 'failed', 'cancelled', 'timed_out', 'needs_review', 'unconfirmed')
        NOT NULL DEFAULT 'pending',
    ADD KEY payment_requests_phone (phone, status, created_at);

-- Callbacks that matched no request, recent first: replayed once an unconfirmed push is known.
ALTER TABLE daraja_callbacks ADD KEY daraja_callbacks_outcome (outcome, received_at);
