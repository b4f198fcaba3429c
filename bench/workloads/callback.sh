# POST /daraja/stk/<token>: a valid STK success callback for a distinct pending request
# per request, so each one records a payment. The seed creates pending requests
# ws_CO_BENCH_1..N with amount 1000 + 500 * (n % 9) (BenchSeed.pendingAmount); every
# wrk run continues after the highest n the previous run sent (callback-next). After the run the
# ledger is checked: every request settled as paid is in the ledger once (0 lost, 0 doubled).
seeded_workloads+=(callback)

callback_sql() {
    mariadb --defaults-file="$mariadb_dir/my.cnf" -uroot -N -B nyumba -e "$1"
}

setup_callback() {
    [ -n "${NYUMBA_DARAJA_CALLBACK_TOKEN:-}" ] || die "NYUMBA_DARAJA_CALLBACK_TOKEN is not set"
    echo 1 >"$BENCH_TMP/callback-next"
    cat >"$BENCH_TMP/callback.lua" <<LUA
dofile("$repo/bench/sequence.lua")
LUA
    cat >>"$BENCH_TMP/callback.lua" <<'LUA'
function init(args)
    sequence_init()
end

function request()
    local n = next_n()
    local amount = 1000 + 500 * (n % 9)
    local body = string.format(
        '{"Body":{"stkCallback":{"MerchantRequestID":"bench-%d","CheckoutRequestID":"ws_CO_BENCH_%d",' ..
        '"ResultCode":0,"ResultDesc":"The service request is processed successfully.",' ..
        '"CallbackMetadata":{"Item":[{"Name":"Amount","Value":%d.00},{"Name":"MpesaReceiptNumber","Value":"BW%08d"},' ..
        '{"Name":"Balance"},{"Name":"TransactionDate","Value":%s},{"Name":"PhoneNumber","Value":254708374149}]}}}}',
        n, n, amount, n, stamp)
    return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, body)
end
LUA
}

workload_callback() {
    local next settled in_ledger doubled drained pool="${BENCH_PENDING:-200000}"
    next="$(cat "$BENCH_TMP/callback-next")"
    [ "$next" -le "$pool" ] ||
        say "WARNING: callback: the $pool pending requests are used up; further callbacks record nothing (raise BENCH_PENDING)"
    export BENCH_SEQUENCE_BASE="$next" BENCH_THREADS_USED="$wrk_threads" BENCH_SEQUENCE_NEXT_FILE="$BENCH_TMP/callback-next"
    run_wrk "${1}daraja/stk/$NYUMBA_DARAJA_CALLBACK_TOKEN" -s "$BENCH_TMP/callback.lua"
    drained="$(outbox_drain_seconds)"
    next="$(cat "$BENCH_TMP/callback-next")"
    # One statement (one snapshot), after the requests in flight when wrk stopped have finished.
    # Lost: a request settled as paid (its callback was answered) without its ledger entry.
    sleep 1
    read -r settled in_ledger doubled <<<"$(callback_sql "
        SELECT (SELECT COUNT(*) FROM payment_requests
                WHERE checkout_request_id LIKE 'ws\\_CO\\_BENCH\\_%' AND status = 'succeeded'),
               COUNT(DISTINCT p.checkout_request_id), COUNT(*) - COUNT(DISTINCT p.checkout_request_id)
        FROM payments p WHERE p.checkout_request_id LIKE 'ws\\_CO\\_BENCH\\_%'")"
    echo "callback: sent ws_CO_BENCH_1..$((next - 1)) of the $pool pending requests$([ "$next" -le $((pool + 1)) ] || echo " (POOL EXHAUSTED: the rest recorded nothing)"); settled as paid $settled, in the ledger $in_ledger, lost $((settled - in_ledger)), doubled $doubled; receipts all sent $drained after the run" \
        >"$BENCH_TMP/report-callback.txt"
}
