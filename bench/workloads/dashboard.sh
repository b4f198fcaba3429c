# Landlord dashboards (GET /landlord/dashboard, /landlord/dashboard/properties/1) as
# seeded landlord 1. setup_dashboard also times one uncached dashboard per landlord
# (the first request after the responder started) and reports the median.
seeded_workloads+=(dashboard dashboard-property)

dashboard_cookie=""
dashboard_property_cookie=""

setup_dashboard() {
    local landlords=10 n cookie times=() t status failed=0
    [ "${BENCH_SIZE:-}" = small ] && landlords=1
    for n in $(seq "$landlords"); do
        cookie="$(bench_login "$1" "landlord$n@bench.nyumba.test")"
        [ "$n" = 1 ] && dashboard_cookie="$cookie"
        read -r status t <<<"$(curl -sS -o /dev/null -w '%{http_code} %{time_total}' -H "Cookie: $cookie" \
            "${1}landlord/dashboard")"
        [ "$status" = 200 ] || { say "WARNING: landlord $n's dashboard answered $status"; failed=$((failed + 1)); }
        times+=("$(awk -v s="$t" 'BEGIN { printf "%.1f", s * 1000 }')")
    done
    printf '%s\n' "${times[@]}" | sort -n | awk -v n="$landlords" -v size="${BENCH_SIZE:-?}" -v failed="$failed" '
        { t[NR] = $1 }
        END {
            printf "single uncached dashboard (%s; first request of each of %d landlords, curl time_total): median %.1f ms, min %.1f, max %.1f%s\n",
                size, n, t[int((NR + 1) / 2)], t[1], t[NR], failed ? " -- INVALID: " failed " answered other than 200" : ""
        }' \
        >>"$BENCH_TMP/report-extra.txt"
}
workload_dashboard() {
    run_wrk "${1}landlord/dashboard" -H "Cookie: $dashboard_cookie"
}

setup_dashboard_property() {
    dashboard_property_cookie="$(bench_login "$1" "landlord1@bench.nyumba.test")"
    bench_check_page "$dashboard_property_cookie" "${1}landlord/dashboard/properties/1"
}
workload_dashboard_property() {
    run_wrk "${1}landlord/dashboard/properties/1" -H "Cookie: $dashboard_property_cookie"
}
