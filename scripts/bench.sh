#!/usr/bin/env bash
# Nyumba benchmark (`make bench`): drives pages through nginx with wrk and prints one table.
#
#   scripts/bench.sh [WORKLOAD...]        default: every workload of BENCHMARK.md, plus c-hello:
#                                         static hello c-hello dashboard dashboard-property
#                                         tenant-home callback c2b login
#
# It builds the C libfcgi responder (bench/hello.c, the FastCGI ceiling), starts a private
# MariaDB (scripts/mariadb.sh), runs `nyumba migrate`, starts `nyumba serve` and the C
# responder with the same thread count, and ONE nginx (the development template, access
# log and rate limits off, plus /c-hello → the C responder). Each workload runs
# BENCH_RUNS times, interleaved; the run with the median requests/s is reported, with the
# CPU time per request that the responder and MariaDB used in that run (steadier than req/s
# on a shared machine). A run writes tens of thousands of mail and SMS files and deletes them
# on exit; on ext4 without a journal (this VM's /) the kernel then skips the freed inodes when
# creating files for the next 60 s (300 s while their blocks are unwritten), checking them one
# by one: file creation measured 55 -> 675 us of kernel CPU each, and the responder's CPU per
# callback 0.7 -> 1.4 ms. So the cleanup syncs, and a bench that starts within
# BENCH_SETTLE seconds of the previous one's cleanup waits out the rest first.
# Everything lives in a temporary folder; every server started is stopped on exit or Ctrl-C.
#
# Environment knobs:
#   BENCH_DURATION=10s     wrk -d per run          BENCH_CONNECTIONS=32  wrk -c
#   BENCH_THREADS=2        wrk -t                  BENCH_RUNS=3          runs per workload
#   BENCH_WARMUP=2s        one warm-up run per workload before the measured rounds
#   BENCH_WORKERS=16       NYUMBA_WORKERS, and the C responder's thread count (same for both).
#                          STK callbacks (and paybill confirmations) that arrive together are
#                          settled as one batch, and a batch holds at most the callbacks in flight:
#                          with 16, callback 1,183-1,204/s against 934-955 unbatched (and ~900-940
#                          with 4 workers); pages measured the same with 4, 8 or 16. More is not
#                          free: 24 or 32 gave callback and c2b +14-22% but hello -9% and -29%,
#                          and the pages' p99 rose (dashboard up to 74 ms with 24). Hence:
#   BENCH_DARAJA_WORKERS=32  NYUMBA_DARAJA_WORKERS: /daraja/… goes to a socket of its own
#                          (NYUMBA_DARAJA_FCGI_SOCKET) with this many workers, so that every
#                          callback wrk has in flight waits in a batch; 0: no socket of its own.
#                          32 against 0: callback 1,239-1,253 -> 1,442-1,475/s, c2b 1,364-1,372 ->
#                          1,630-1,646/s, pages the same; the responder's memory 112 -> 295 MiB
#   BENCH_PORT             nginx port (default: the first free one from 18080)
#   BENCH_SIZE             small|medium|large: `nyumba seed --bench SIZE` first. Default: medium
#                          when a workload needs seeded data (those listed in seeded_workloads
#                          by bench/workloads/*.sh), else no seeding.
#   BENCH_SEED=1           the seed's --seed (a size here is taken as BENCH_SIZE, as before)
#   BENCH_PENDING          pending STK requests for the callback workload (default 2000 on
#                          small, 200000 otherwise)
#   BENCH_CACHE=1          keep the seeded datadir in var/bench-cache/ (by size, seed, Nairobi
#                          day and a hash of the migrations and the seeder) and copy it on the
#                          next run instead of seeding again; 0: always seed
#   NYUMBA_BENCH_PASSWORD  every seeded user's password (default nyumba-bench-password)
#   BENCH_SETTLE=70        seconds to leave between the previous run's cleanup and this run (above)
#   BENCH_KEEP=1           keep the temporary folder (logs, wrk output) and print its path
#   NYUMBA_BIN             responder binary (default .build/release/nyumba). If it is
#                          missing, a second C responder stands in for it (clearly labelled).
#   BENCH_COMPARE=BIN      compare NYUMBA_BIN (A) with the responder BIN (B), built from code with
#                          the same migrations: B runs beside A on the same MariaDB and data,
#                          behind a second nginx, and each run measures A and B back to back (ABBA
#                          order), so both see the same moment of a noisy machine; one setup serves
#                          both. Reports each side's median and the median of the runs' B/A ratios.
#                          Calibration, A against itself, 5 runs of 10 s: runs' B/A 0.97-1.03
#                          (callback) and 0.91-1.05 (c2b), medians 0.98 and 1.04. So a difference
#                          under ~5% is noise here, paired or not. Both sides use the callback
#                          workload's pending requests (~16,000 a 10 s run): raise BENCH_PENDING
#                          for more than 6 runs.
#
# Adding a workload: define, here or in a file bench/workloads/NAME.sh (sourced),
# `workload_NAME BASE_URL` that calls `run_wrk URL [wrk args...]`
# exactly once (extra args go to wrk: -H 'Cookie: …', -s bench/NAME.lua, …). An optional
# `setup_NAME BASE_URL` runs once before the first round (log in, fetch a token, write a
# Lua script into $BENCH_TMP…). Dashes in a workload name become underscores in the
# function names (c-hello → workload_c_hello).
set -euo pipefail
shopt -u patsub_replacement 2>/dev/null || true

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

duration="${BENCH_DURATION:-10s}"
connections="${BENCH_CONNECTIONS:-32}"
wrk_threads="${BENCH_THREADS:-2}"
runs="${BENCH_RUNS:-3}"
warmup="${BENCH_WARMUP:-2s}"
workers="${BENCH_WORKERS:-${NYUMBA_WORKERS:-16}}"
daraja_workers="${BENCH_DARAJA_WORKERS:-32}"
nyumba_bin="${NYUMBA_BIN:-$repo/.build/release/nyumba}"
workloads=("$@")
[ ${#workloads[@]} -gt 0 ] ||
    workloads=(static hello c-hello dashboard dashboard-property tenant-home callback c2b login)

say() { echo "bench: $*" >&2; }
die() { echo "bench: $*" >&2; exit 1; }

for tool in wrk nginx cc; do
    command -v "$tool" >/dev/null || die "$tool is not installed (apt-get install wrk nginx gcc libfcgi-dev)"
done
[ -f /usr/include/fcgiapp.h ] || die "libfcgi-dev is not installed"

# More workloads (and setup_ functions) may live in bench/workloads/*.sh; a file adds the
# workloads that need the seeded benchmark data to seeded_workloads.
seeded_workloads=()
for file in "$repo"/bench/workloads/*.sh; do
    # shellcheck disable=SC1090
    [ -f "$file" ] && . "$file"
done

bench_size="${BENCH_SIZE:-}"
bench_seed="${BENCH_SEED:-1}"
case "$bench_seed" in small | medium | large) bench_size="$bench_seed" bench_seed=1 ;; esac
if [ -z "$bench_size" ]; then
    for w in "${workloads[@]}"; do
        for s in "${seeded_workloads[@]}"; do [ "$w" = "$s" ] && bench_size=medium; done
    done
fi
case "$bench_size" in "" | small | medium | large) ;; *) die "BENCH_SIZE must be small, medium or large" ;; esac
export BENCH_SIZE="$bench_size"
export BENCH_PENDING="${BENCH_PENDING:-$([ "$bench_size" = small ] && echo 2000 || echo 200000)}"
export NYUMBA_BENCH_PASSWORD="${NYUMBA_BENCH_PASSWORD:-nyumba-bench-password}"

# ---------------------------------------------------------------------------- servers

# The previous run's deleted files slow file creation for a while (see the header).
cleaned_stamp="$repo/var/bench-cleaned-at"
if [ -f "$cleaned_stamp" ]; then
    settle_left=$(( $(cat "$cleaned_stamp") + ${BENCH_SETTLE:-70} - $(date +%s) ))
    if [ "$settle_left" -gt 0 ]; then
        say "waiting ${settle_left} s: the previous run deleted its files just now, and new files would be slow to create until then"
        sleep "$settle_left"
    fi
fi

BENCH_TMP="$(mktemp -d /tmp/nyumba-bench.XXXXXX)"
# nginx workers run as nobody and must reach the sockets in here (mktemp makes it 0700).
chmod 755 "$BENCH_TMP"
export BENCH_TMP

pids=()         # responder processes we started
mariadb_dir=""  # set once MariaDB is started
nginx_dir="$BENCH_TMP/nginx"
nginx_started=0
nginx_dir_b="$BENCH_TMP/nginx-b" # BENCH_COMPARE's
nginx_b_started=0

alive() {
    local state
    state="$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" || return 1
    [ -n "$state" ] && [ "$state" != Z ]
}

stop_pid() {
    local pid="$1" _
    alive "$pid" || return 0
    kill -TERM "$pid" 2>/dev/null || return 0
    for _ in $(seq 100); do
        alive "$pid" || return 0
        sleep 0.05
    done
    say "pid $pid ignored SIGTERM for 5 s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    set +e
    [ "$nginx_started" = 1 ] && "$repo/scripts/nginx.sh" stop "$nginx_dir" >/dev/null 2>&1
    [ "$nginx_b_started" = 1 ] && "$repo/scripts/nginx.sh" stop "$nginx_dir_b" >/dev/null 2>&1
    for pid in "${pids[@]}"; do stop_pid "$pid"; done
    [ -n "$mariadb_dir" ] && "$repo/scripts/mariadb.sh" stop "$mariadb_dir" >/dev/null 2>&1
    # Kept for a look at the logs when asked or when something failed (not on Ctrl-C).
    if [ "${BENCH_KEEP:-0}" = 1 ] || { [ "$status" -ne 0 ] && [ "$status" -ne 130 ] && [ "$status" -ne 143 ]; }; then
        say "kept $BENCH_TMP"
    else
        rm -rf "$BENCH_TMP"
        sync
        mkdir -p "$repo/var" && date +%s >"$cleaned_stamp"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

wait_for_socket() { # PATH PID NAME LOG
    local _
    for _ in $(seq 200); do
        [ -S "$1" ] && return 0
        alive "$2" || { tail -n 20 "$4" >&2; die "$3 exited before listening"; }
        sleep 0.05
    done
    tail -n 20 "$4" >&2
    die "$3 did not create $1 within 10 s"
}

free_port() {
    local port
    for port in $(seq 18080 18999); do
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
    done
    die "no free port in 18080..18999"
}

say "building the C responder"
cc -O2 -pthread "$repo/bench/hello.c" -lfcgi -o "$BENCH_TMP/hello"

c_socket="$BENCH_TMP/c-hello.sock"
"$BENCH_TMP/hello" "$c_socket" "$workers" >"$BENCH_TMP/c-hello.log" 2>&1 &
c_pid=$!
pids+=("$c_pid")
wait_for_socket "$c_socket" "$c_pid" "C responder" "$BENCH_TMP/c-hello.log"

swift_socket="$BENCH_TMP/nyumba.sock"
daraja_socket=""
port="${BENCH_PORT:-$(free_port)}"
if [ -x "$nyumba_bin" ]; then
    responder_label="nyumba serve"
    mariadb_dir="$BENCH_TMP/mariadb"
    seed_cache=""
    if [ -n "$bench_size" ] && [ "${BENCH_CACHE:-1}" = 1 ]; then
        seed_key="$(cat "$repo"/db/migrations/*.sql "$repo"/Sources/NyumbaApp/Seeding/BenchSeed*.swift |
            cat - <(echo "$BENCH_PENDING $NYUMBA_BENCH_PASSWORD") | sha256sum | cut -c1-12)"
        seed_cache="$repo/var/bench-cache/$bench_size-seed$bench_seed-$(date -u -d '+3 hours' +%F)-$seed_key"
    fi
    seeded=0
    if [ -n "$seed_cache" ] && [ -d "$seed_cache/data" ]; then
        say "copying the seeded $bench_size database from $seed_cache"
        mkdir -p "$mariadb_dir"
        copy_start=$(date +%s.%N)
        cp -a "$seed_cache/data" "$mariadb_dir/data"
        # The copy is ~1 GB of dirty page cache, which the kernel would write back 30 s later, in
        # the middle of the runs, beside the durable commits being measured: written now instead.
        sync
        seed_note="$bench_size, seed $bench_seed: copied from the cache and synced in $(awk -v a="$copy_start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s; seeded earlier: $(tail -n 1 "$seed_cache/seed.log" | sed 's/^ *//')"
        seeded=1
    fi
    say "starting MariaDB"
    db_url="$("$repo/scripts/mariadb.sh" start "$mariadb_dir" | grep -o 'mariadb://[^[:space:]]*' | tail -n 1)"
    [ -n "$db_url" ] || die "scripts/mariadb.sh printed no database URL"
    export NYUMBA_DATABASE_URL="$db_url"
    export NYUMBA_FCGI_SOCKET="$swift_socket"
    export NYUMBA_WORKERS="$workers"
    if [ "$daraja_workers" != 0 ]; then
        daraja_socket="$BENCH_TMP/nyumba-daraja.sock"
        export NYUMBA_DARAJA_FCGI_SOCKET="$daraja_socket" NYUMBA_DARAJA_WORKERS="$daraja_workers"
    fi
    export NYUMBA_PUBLIC_URL="http://127.0.0.1:$port"
    export NYUMBA_SECRET_KEY="${NYUMBA_SECRET_KEY:-$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')}"
    export NYUMBA_ENCRYPTION_KEY="${NYUMBA_ENCRYPTION_KEY:-$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')}"
    export NYUMBA_MAIL_DIR="$BENCH_TMP/mail"
    # The SMS files too (the default, var/sms in the repo, kept every run's: 100,000s of files
    # that made each new one slower to create, run after run).
    export NYUMBA_SMS_DIR="$BENCH_TMP/sms"
    # Payments on, so the callback route exists; nothing is due for the reconciler (the
    # seeded pending requests are scheduled far ahead), so this base URL is never called.
    export NYUMBA_DARAJA_BASE_URL="${NYUMBA_DARAJA_BASE_URL:-http://127.0.0.1:9}"
    export NYUMBA_DARAJA_CONSUMER_KEY="${NYUMBA_DARAJA_CONSUMER_KEY:-bench}"
    export NYUMBA_DARAJA_CONSUMER_SECRET="${NYUMBA_DARAJA_CONSUMER_SECRET:-bench}"
    export NYUMBA_DARAJA_SHORTCODE="${NYUMBA_DARAJA_SHORTCODE:-174379}"
    export NYUMBA_DARAJA_PASSKEY="${NYUMBA_DARAJA_PASSKEY:-bench-passkey}"
    export NYUMBA_DARAJA_CALLBACK_TOKEN="${NYUMBA_DARAJA_CALLBACK_TOKEN:-$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')}"
    mkdir -p "$NYUMBA_MAIL_DIR" "$NYUMBA_SMS_DIR"
    say "nyumba migrate"
    "$nyumba_bin" migrate >"$BENCH_TMP/migrate.log" 2>&1 || { cat "$BENCH_TMP/migrate.log" >&2; die "migrate failed"; }
    if [ -n "$bench_size" ] && [ "$seeded" = 0 ]; then
        say "nyumba seed --bench $bench_size --seed $bench_seed --pending $BENCH_PENDING"
        seed_start=$(date +%s.%N)
        "$nyumba_bin" seed --bench "$bench_size" --seed "$bench_seed" --pending "$BENCH_PENDING" \
            >"$BENCH_TMP/seed.log" 2>&1 || { tail -n 20 "$BENCH_TMP/seed.log" >&2; die "seed failed"; }
        sed 's/^/bench:   /' "$BENCH_TMP/seed.log" >&2
        seed_note="$bench_size, seed $bench_seed: seeded in $(awk -v a="$seed_start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s ($(tail -n 1 "$BENCH_TMP/seed.log" | sed 's/^ *//'))"
        if [ -n "$seed_cache" ]; then
            say "caching the seeded datadir in $seed_cache"
            "$repo/scripts/mariadb.sh" stop "$mariadb_dir" >/dev/null
            # One cached datadir per size: older days and versions are dropped.
            rm -rf "$repo/var/bench-cache/$bench_size-"* "$seed_cache.tmp"
            mkdir -p "$seed_cache.tmp"
            cp -a "$mariadb_dir/data" "$seed_cache.tmp/data"
            cp "$BENCH_TMP/seed.log" "$seed_cache.tmp/seed.log"
            mv "$seed_cache.tmp" "$seed_cache"
            "$repo/scripts/mariadb.sh" start "$mariadb_dir" >/dev/null
        fi
    fi
    "$nyumba_bin" serve >"$BENCH_TMP/nyumba.log" 2>&1 &
    responder_pid=$!
else
    responder_label="C stand-in (no $nyumba_bin)"
    say "WARNING: $nyumba_bin not built: a second C responder stands in for nyumba serve"
    "$BENCH_TMP/hello" "$swift_socket" "$workers" >"$BENCH_TMP/nyumba.log" 2>&1 &
    responder_pid=$!
fi
pids+=("$responder_pid")
wait_for_socket "$swift_socket" "$responder_pid" "$responder_label" "$BENCH_TMP/nyumba.log"
[ -z "$daraja_socket" ] || wait_for_socket "$daraja_socket" "$responder_pid" "$responder_label" "$BENCH_TMP/nyumba.log"

compare_bin="${BENCH_COMPARE:-}"
responder_b_pid=""
base_url_b=""
if [ -n "$compare_bin" ]; then
    [ -x "$compare_bin" ] || die "BENCH_COMPARE: $compare_bin is not an executable"
    [ "$responder_label" = "nyumba serve" ] || die "BENCH_COMPARE needs NYUMBA_BIN built too"
    swift_socket_b="$BENCH_TMP/nyumba-b.sock"
    daraja_socket_b="${daraja_socket:+$BENCH_TMP/nyumba-b-daraja.sock}"
    say "starting B ($compare_bin) beside A"
    env NYUMBA_FCGI_SOCKET="$swift_socket_b" ${daraja_socket_b:+NYUMBA_DARAJA_FCGI_SOCKET="$daraja_socket_b"} \
        "$compare_bin" serve >"$BENCH_TMP/nyumba-b.log" 2>&1 &
    responder_b_pid=$!
    pids+=("$responder_b_pid")
    wait_for_socket "$swift_socket_b" "$responder_b_pid" "B" "$BENCH_TMP/nyumba-b.log"
    [ -z "$daraja_socket_b" ] || wait_for_socket "$daraja_socket_b" "$responder_b_pid" "B" "$BENCH_TMP/nyumba-b.log"
fi

# One nginx: the development template with the access log and rate limits off, plus
# /c-hello → the C responder (same FastCGI settings as every other location).
mkdir -p "$nginx_dir/server.d"
cat >"$nginx_dir/server.d/c-hello.conf" <<EOF
location = /c-hello {
    fastcgi_pass unix:$c_socket;
    include nyumba/fastcgi_nyumba.conf;
}
EOF
# The static workload's file: the real stylesheet.
static_file="${BENCH_STATIC_FILE:-app.css}"
[ -f "$repo/static/$static_file" ] || die "static/$static_file not found (set BENCH_STATIC_FILE)"

# Starts the bench's nginx in DIR on PORT in front of the responder's SOCKET (and DARAJA_SOCKET, if
# any); prints its base URL.
start_nginx() { # DIR PORT SOCKET DARAJA_SOCKET
    NYUMBA_HTTP_PORT="$2" NYUMBA_FCGI_SOCKET="$3" NYUMBA_DARAJA_FCGI_SOCKET="$4" NYUMBA_STATIC_DIR="$repo/static" \
        NYUMBA_NGINX_ACCESS_LOG=off NYUMBA_NGINX_RATE_LIMIT=off "$repo/scripts/nginx.sh" start "$1"
}

say "starting nginx on 127.0.0.1:$port"
nginx_started=1 # before start: a half-started nginx is stopped too
base_url="$(start_nginx "$nginx_dir" "$port" "$swift_socket" "$daraja_socket")"
if [ -n "$compare_bin" ]; then
    # B's own nginx, the same but for the sockets (and the port).
    port_b="$(free_port)"
    say "starting B's nginx on 127.0.0.1:$port_b"
    mkdir -p "$nginx_dir_b"
    cp -r "$nginx_dir/server.d" "$nginx_dir_b/server.d"
    nginx_b_started=1
    base_url_b="$(start_nginx "$nginx_dir_b" "$port_b" "$swift_socket_b" "$daraja_socket_b")"
fi

# ---------------------------------------------------------------------------- workloads

# Each workload_NAME BASE_URL calls run_wrk once; see the header for adding more.
workload_static() { run_wrk "${1}static/$static_file"; }
workload_hello() { run_wrk "${1}hello"; }
workload_c_hello() { run_wrk "${1}c-hello"; }

# Waits (at most 5 minutes) until the outbox holds no queued email or SMS, and prints how long
# that took from the call ("0.9 s"). The senders send a run's receipts during it and just after
# it: the next workload must not pay for them. Called by the callback and c2b workloads inside
# their run, so the CPU per request counts the sending too.
outbox_drain_seconds() {
    local start queued
    start=$(date +%s.%N)
    for _ in $(seq 3000); do
        queued="$(mariadb --defaults-file="$mariadb_dir/my.cnf" -uroot -N -B nyumba \
            -e "SELECT COUNT(*) FROM outbox WHERE status = 'queued'")"
        [ "$queued" != 0 ] || break
        sleep 0.1
    done
    awk -v a="$start" -v b="$(date +%s.%N)" -v q="$queued" \
        'BEGIN { if (q != 0) printf "over 300 s (%d still queued)", q; else printf "%.1f s", b - a }'
}

# Where run_wrk writes wrk's output and measure() the run's CPU; set by measure() before each call.
wrk_out=""
cpu_out=""
wrk_duration=""

run_wrk() {
    local url="$1"
    shift
    wrk -t"$wrk_threads" -c"$connections" -d"$wrk_duration" --latency "$@" "$url" >"$wrk_out" 2>&1 ||
        { cat "$wrk_out" >&2; die "wrk failed on $url"; }
}

# wrk latency ("812.00us", "1.50ms", "1.02s") → milliseconds.
to_ms() {
    awk -v v="$1" 'BEGIN {
        n = v + 0
        if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /m$/) n *= 60000; else if (v ~ /s$/) n *= 1000
        printf "%.2f", n
    }'
}

# Parse one wrk output file → "rps p50_ms p99_ms errors".
parse_wrk() {
    local rps p50 p99 errors
    rps="$(awk '/^Requests\/sec:/ {print $2}' "$1")"
    p50="$(awk '$1 == "50%" {print $2}' "$1")"
    p99="$(awk '$1 == "99%" {print $2}' "$1")"
    errors="$(awk '
        /Socket errors:/ { gsub(/,/, ""); n += $4 + $6 + $8 + $10 }
        /Non-2xx or 3xx responses:/ { n += $NF }
        END { print n + 0 }' "$1")"
    [ -n "$rps" ] || { cat "$1" >&2; die "could not parse wrk output $1"; }
    echo "$rps $(to_ms "$p50") $(to_ms "$p99") $errors"
}

for w in "${workloads[@]}"; do
    declare -F "workload_${w//-/_}" >/dev/null || die "unknown workload '$w' (define workload_${w//-/_})"
done

# CPU time a process has used so far, in clock ticks: "user+system system"; 0 0 if it is not running.
cpu_ticks() { awk '{ print $14 + $15, $15 }' "/proc/$1/stat" 2>/dev/null || echo 0 0; }

measure() { # WORKLOAD RUN DURATION [b: measure BENCH_COMPARE's responder; its files are RUN-b]
    local fn="${1//-/_}" db_pid="" before after pid="$responder_pid" url="$base_url" run="$2"
    if [ "${4:-}" = b ]; then
        pid="$responder_b_pid" url="$base_url_b" run="$2-b"
    fi
    wrk_out="$BENCH_TMP/wrk-$1-$run.txt"
    cpu_out="$BENCH_TMP/cpu-$1-$run.txt"
    wrk_duration="$3"
    [ -n "$mariadb_dir" ] && db_pid="$(cat "$mariadb_dir/mysqld.pid" 2>/dev/null || true)"
    before="$(cpu_ticks "$pid") $(cpu_ticks "${db_pid:-0}")"
    "workload_$fn" "$url"
    after="$(cpu_ticks "$pid") $(cpu_ticks "${db_pid:-0}")"
    # CPU per request of the responder and of MariaDB in this run, then the responder's part of
    # it spent in the kernel, in microseconds.
    awk -v b="$before" -v a="$after" -v hz="$(getconf CLK_TCK)" '/ requests in / { n = $1 } END {
        split(b, x, " "); split(a, y, " ")
        if (n > 0) printf "%d %d %d\n", (y[1] - x[1]) * 1e6 / hz / n, (y[3] - x[3]) * 1e6 / hz / n,
            (y[2] - x[2]) * 1e6 / hz / n
        else print "0 0 0" }' \
        "$wrk_out" >"$cpu_out"
}

# The last measure's figures: "rps p50 p99 errors responder_us db_us kernel_us".
measured() { echo "$(parse_wrk "$wrk_out") $(cat "$cpu_out")"; }

warm_up() { # WORKLOAD [b]
    local errors whose=""
    [ "${2:-}" = b ] && whose="B's "
    measure "$1" warmup "$warmup" "${2:-}"
    read -r _ _ _ errors _ <<<"$(measured)"
    [ "$errors" = 0 ] || say "WARNING: $whose$1 had $errors errors or non-2xx/3xx answers while warming up"
}

for w in "${workloads[@]}"; do
    fn="${w//-/_}"
    if declare -F "setup_$fn" >/dev/null; then
        say "setup $w"
        "setup_$fn" "$base_url"
    fi
done

say "warming up ($warmup per workload)"
for w in "${workloads[@]}"; do
    warm_up "$w"
    [ -z "$compare_bin" ] || warm_up "$w" b
done

if [ -n "$compare_bin" ]; then
    . "$repo/bench/compare.sh"
    exit 0
fi

declare -A results # "workload" → newline-separated "rps p50 p99 errors"
for run in $(seq "$runs"); do
    for w in "${workloads[@]}"; do
        say "run $run/$runs: $w"
        measure "$w" "$run" "$duration"
        results[$w]+="$(measured)"$'\n'
    done
done

# The median run by requests/s.
declare -A median
for w in "${workloads[@]}"; do
    median[$w]="$(printf '%s' "${results[$w]}" | sort -n -k1,1 | awk '{ l[NR] = $0 } END { print l[int((NR + 1) / 2)] }')"
done

rps_of() { [ -n "${median[$1]:-}" ] && echo "${median[$1]}" | awk '{print $1}'; }
c_rps="$(rps_of c-hello || true)"
hello_rps="$(rps_of hello || true)"

echo
echo "Nyumba benchmark — $(nproc) cores, wrk -t$wrk_threads -c$connections -d$duration, median of $runs, responder: $responder_label, workers: $workers${daraja_socket:+, Daraja callback workers: $daraja_workers}"
echo
printf '| %-20s | %10s | %9s | %9s | %7s | %8s | %8s |\n' workload "req/s" "p50 ms" "p99 ms" errors "vs C" "vs hello"
printf '| %-20s | %10s | %9s | %9s | %7s | %8s | %8s |\n' --- ---: ---: ---: ---: ---: ---:
for w in "${workloads[@]}"; do
    read -r rps p50 p99 errors _ <<<"${median[$w]}"
    ratio_c="-"
    ratio_h="-"
    [ -n "$c_rps" ] && ratio_c="$(awk -v a="$rps" -v b="$c_rps" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')"
    [ -n "$hello_rps" ] && ratio_h="$(awk -v a="$rps" -v b="$hello_rps" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')"
    printf '| %-20s | %10.0f | %9s | %9s | %7s | %8s | %8s |\n' "$w" "$rps" "$p50" "$p99" "$errors" "$ratio_c" "$ratio_h"
done
echo
# Where a request's CPU went (the median run): steadier than req/s on a shared machine, and it
# shows which side a change saved on. MariaDB's share counts its background threads too. The
# responder's kernel part is most of its time only in the deleted-files slow mode (see the header).
for w in "${workloads[@]}"; do
    read -r _ _ _ _ responder_us db_us kernel_us <<<"${median[$w]}"
    echo "cpu per request, $w: responder ${responder_us:-0} µs (kernel ${kernel_us:-0}), MariaDB ${db_us:-0} µs"
done

rss_of() { awk -v k="$2:" '$1 == k { printf "%.1f MiB", $2 / 1024 }' "/proc/$1/status" 2>/dev/null; }
echo "responder ($responder_label, pid $responder_pid): VmRSS $(rss_of "$responder_pid" VmRSS), peak VmHWM $(rss_of "$responder_pid" VmHWM)"
echo "C responder (pid $c_pid): VmRSS $(rss_of "$c_pid" VmRSS)"
[ -n "${seed_note:-}" ] && echo "data: $seed_note"
cat "$BENCH_TMP"/report-*.txt 2>/dev/null || true
