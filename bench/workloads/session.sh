# Helpers for workloads that need a signed-in user (sourced by scripts/bench.sh).
# Seeded users (nyumba seed --bench): landlordN@bench.nyumba.test, tenantN@bench.nyumba.test,
# all with the password $NYUMBA_BENCH_PASSWORD; landlord 1 owns properties 1..P.

# Percent-encodes a form value.
bench_urlencode() {
    local out="" c i
    for ((i = 0; i < ${#1}; i++)); do
        c="${1:i:1}"
        case "$c" in
            [A-Za-z0-9._~-]) out+="$c" ;;
            *) out+="$(printf '%%%02X' "'$c")" ;;
        esac
    done
    printf '%s' "$out"
}

# bench_login BASE_URL EMAIL → prints the Cookie header value (access, refresh, csrf) of a
# fresh login through the real form: GET /login for the csrf cookie and token, then POST.
bench_login() {
    local base="$1" email="$2" jar page token status
    jar="$BENCH_TMP/cookies-${email%%@*}-$RANDOM.txt"
    page="$(curl -sS -c "$jar" -b "$jar" "${base}login")"
    token="$(sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' <<<"$page" | head -n 1)"
    [ -n "$token" ] || die "no CSRF token in ${base}login"
    status="$(curl -sS -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" \
        --data "_csrf=$(bench_urlencode "$token")&email=$(bench_urlencode "$email")&password=$(bench_urlencode "$NYUMBA_BENCH_PASSWORD")" \
        "${base}login")"
    case "$status" in 30[123]) ;; *) die "login as $email answered $status (is the database seeded?)" ;; esac
    awk '$6 == "access" || $6 == "refresh" || $6 == "csrf" { printf "%s%s=%s", sep, $6, $7; sep = "; " }' "$jar"
}

# bench_check_page COOKIE URL: the page must answer 200 before wrk hammers it.
bench_check_page() {
    local status
    status="$(curl -sS -o /dev/null -w '%{http_code}' -H "Cookie: $1" "$2")"
    [ "$status" = 200 ] || say "WARNING: $2 answered $status to a signed-in request"
}

# bench_wait_idle BASE_URL: when wrk stops, nginx has already handed the responder up to
# one request per connection; slow ones (logins) keep its workers busy for seconds. Wait
# until /hello answers promptly again, so the next workload is measured on an idle responder.
bench_wait_idle() {
    local t _
    for _ in $(seq 300); do
        t="$(curl -sS -o /dev/null -m 5 -w '%{time_total}' "${1}hello" 2>/dev/null || echo 9)"
        awk -v t="$t" 'BEGIN { exit !(t < 0.05) }' && return 0
        sleep 0.1
    done
    say "WARNING: the responder was still busy after 30 s"
}
