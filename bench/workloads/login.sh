# POST /login as seeded landlord 1 (PBKDF2 at the configured count dominates, by design).
# One anonymous csrf cookie/token pair is reused; the throttle counts failures only.
seeded_workloads+=(login)

setup_login() {
    local jar="$BENCH_TMP/cookies-login.txt" page token cookie
    page="$(curl -sS -c "$jar" "${1}login")"
    token="$(sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' <<<"$page" | head -n 1)"
    cookie="$(awk '$6 == "csrf" { print $7 }' "$jar")"
    [ -n "$token" ] && [ -n "$cookie" ] || die "no CSRF cookie/token from ${1}login"
    cat >"$BENCH_TMP/login.lua" <<LUA
wrk.method = "POST"
wrk.body = "_csrf=$(bench_urlencode "$token")&email=landlord1%40bench.nyumba.test&password=$(bench_urlencode "$NYUMBA_BENCH_PASSWORD")"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = "csrf=$cookie"
LUA
}
workload_login() {
    # ~0.1 s of PBKDF2 per login on 2 cores: 32 connections queue for ~2 s, past wrk's default timeout.
    run_wrk "${1}login" -s "$BENCH_TMP/login.lua" --timeout 30s
    bench_wait_idle "$1"
}
