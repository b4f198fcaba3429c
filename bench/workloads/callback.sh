# POST /daraja/stk/<token>: a valid STK success callback for a distinct pending request
# per request, so each one records a payment. The seed creates pending requests
# ws_CO_BENCH_1..N with amount 1000 + 500 * (n % 9) (BenchSeed.pendingAmount); every
# wrk run continues after the highest n the previous run sent (callback-next).
seeded_workloads+=(callback)

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
    local next pool="${BENCH_PENDING:-200000}"
    next="$(cat "$BENCH_TMP/callback-next")"
    [ "$next" -le "$pool" ] ||
        say "WARNING: callback: the $pool pending requests are used up; further callbacks record nothing (raise BENCH_PENDING)"
    export BENCH_SEQUENCE_BASE="$next" BENCH_THREADS_USED="$wrk_threads" BENCH_SEQUENCE_NEXT_FILE="$BENCH_TMP/callback-next"
    run_wrk "${1}daraja/stk/$NYUMBA_DARAJA_CALLBACK_TOKEN" -s "$BENCH_TMP/callback.lua"
    next="$(cat "$BENCH_TMP/callback-next")"
    echo "callback: sent ws_CO_BENCH_1..$((next - 1)) of the $pool pending requests$([ "$next" -le $((pool + 1)) ] || echo " (POOL EXHAUSTED: the rest recorded nothing)")" \
        >"$BENCH_TMP/report-callback.txt"
}
