-- Settling a push changes its status, and every secondary index holding the status is
-- rewritten with it (three per settlement). The lease's and the phone's requests are few, so
-- their indexes need not carry it: the status is checked on the rows they lead to. Only the
-- reconciler's queue (status, next_query_at) keeps it.
ALTER TABLE payment_requests
    DROP KEY payment_requests_lease,
    ADD KEY payment_requests_lease (lease_id),
    DROP KEY payment_requests_phone,
    ADD KEY payment_requests_phone (phone, created_at);
