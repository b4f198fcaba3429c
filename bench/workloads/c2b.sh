# POST /daraja/c2b/<token>/confirmation: paybill confirmations to the seeded units' account
# numbers, 30% of them duplicates of a TransID already sent (request n carries TransID
# CB<floor(7n/10)>, so neighbouring requests, sent by different wrk threads at the same time,
# repeat one). Each distinct TransID records one payment; after the run the ledger is checked:
# every TransID sent is stored once and in the ledger once (0 lost, 0 doubled).
seeded_workloads+=(c2b)

c2b_sql() {
    mariadb --defaults-file="$mariadb_dir/my.cnf" -uroot -N -B nyumba -e "$1"
}

setup_c2b() {
    [ -n "${NYUMBA_DARAJA_CALLBACK_TOKEN:-}" ] || die "NYUMBA_DARAJA_CALLBACK_TOKEN is not set"
    [ -n "$mariadb_dir" ] || die "c2b needs the benchmark's MariaDB"
    echo 1 >"$BENCH_TMP/c2b-next"
    # Accounts of units whose landlord is paid on the deployment's shortcode (all of them in the seed).
    c2b_sql "SELECT u.account_no FROM units u JOIN leases l ON l.open_unit_id = u.id
             LEFT JOIN mpesa_settings m ON m.landlord_id = l.landlord_id
             WHERE u.account_no IS NOT NULL AND m.landlord_id IS NULL ORDER BY u.id LIMIT 5000" \
        >"$BENCH_TMP/c2b-accounts.txt"
    [ -s "$BENCH_TMP/c2b-accounts.txt" ] || die "c2b: no unit has an account number"
    {
        echo "accounts = {"
        sed 's/.*/"&",/' "$BENCH_TMP/c2b-accounts.txt"
        echo "}"
    } >"$BENCH_TMP/c2b-accounts.lua"
    cat >"$BENCH_TMP/c2b.lua" <<LUA
dofile("$repo/bench/sequence.lua")
dofile("$BENCH_TMP/c2b-accounts.lua")
LUA
    cat >>"$BENCH_TMP/c2b.lua" <<'LUA'
function init(args)
    sequence_init()
    shortcode = os.getenv("NYUMBA_DARAJA_SHORTCODE")
end

function request()
    local n = next_n()
    local id = math.floor(n * 7 / 10)
    local body = string.format(
        '{"TransactionType":"Pay Bill","TransID":"CB%08d","TransTime":"%s","TransAmount":"1000.00",' ..
        '"BusinessShortCode":"%s","BillRefNumber":"%s","InvoiceNumber":"","OrgAccountBalance":"",' ..
        '"ThirdPartyTransID":"","MSISDN":"2547 ***** 126","FirstName":"BENCH","MiddleName":"","LastName":""}',
        id, stamp, shortcode, accounts[(id % #accounts) + 1])
    return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, body)
end
LUA
}

workload_c2b() {
    local next sent_ids stored in_ledger doubled drained
    next="$(cat "$BENCH_TMP/c2b-next")"
    export BENCH_SEQUENCE_BASE="$next" BENCH_THREADS_USED="$wrk_threads" BENCH_SEQUENCE_NEXT_FILE="$BENCH_TMP/c2b-next"
    run_wrk "${1}daraja/c2b/$NYUMBA_DARAJA_CALLBACK_TOKEN/confirmation" -s "$BENCH_TMP/c2b.lua"
    drained="$(outbox_drain_seconds)"
    next="$(cat "$BENCH_TMP/c2b-next")"
    # Requests 1..next-1 were generated (those in flight when wrk stopped may not have arrived),
    # TransIDs CB<floor(7n/10)>. Lost: stored (acknowledged) but not in the ledger.
    sent_ids="$(c2b_sql "SELECT COUNT(DISTINCT FLOOR(seq * 7 / 10)) FROM seq_1_to_$((next - 1))")"
    # One statement (one snapshot), after the requests in flight when wrk stopped have finished.
    # Joined on c2b_payments: the seeded history has random receipts of its own.
    sleep 1
    read -r stored in_ledger doubled <<<"$(c2b_sql "
        SELECT (SELECT COUNT(*) FROM c2b_payments WHERE trans_id LIKE 'CB%'),
               COUNT(DISTINCT p.receipt), COUNT(*) - COUNT(DISTINCT p.receipt)
        FROM payments p JOIN c2b_payments c ON c.trans_id = p.receipt WHERE c.trans_id LIKE 'CB%'")"
    echo "c2b: $((next - 1)) confirmations generated ($sent_ids distinct TransIDs); stored $stored, in the ledger $in_ledger, lost $((stored - in_ledger)), doubled $doubled; receipts all sent $drained after the run" \
        >"$BENCH_TMP/report-c2b.txt"
}
