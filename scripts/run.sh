#!/usr/bin/env bash
# make run: a private MariaDB under var/, migrations, the responder and nginx on
# 127.0.0.1:${NYUMBA_HTTP_PORT:-8080}. Ctrl-C stops everything; data stays in var/.
# Any NYUMBA_* variable set in the environment overrides the defaults below.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
var="$repo/var"
mkdir -p "$var/run" "$var/mail"

# Secrets are generated once and kept, so sessions survive a restart.
if [ ! -f "$var/secrets.env" ]; then
    umask 077
    {
        echo "NYUMBA_SECRET_KEY=$(openssl rand -hex 32)"
        echo "NYUMBA_ENCRYPTION_KEY=$(openssl rand -hex 32)"
    } >"$var/secrets.env"
    umask 022
fi
set -a
# shellcheck disable=SC1091
. "$var/secrets.env"
set +a

export NYUMBA_HTTP_PORT="${NYUMBA_HTTP_PORT:-8080}"
export NYUMBA_PUBLIC_URL="${NYUMBA_PUBLIC_URL:-http://127.0.0.1:$NYUMBA_HTTP_PORT}"
export NYUMBA_FCGI_SOCKET="${NYUMBA_FCGI_SOCKET:-$var/run/nyumba.sock}"
export NYUMBA_WORKERS="${NYUMBA_WORKERS:-4}"
# Daraja's callbacks on a socket of their own, with workers of their own (default 32).
export NYUMBA_DARAJA_FCGI_SOCKET="${NYUMBA_DARAJA_FCGI_SOCKET:-$var/run/nyumba-daraja.sock}"
export NYUMBA_MAIL_DIR="${NYUMBA_MAIL_DIR:-$var/mail}"
bin="$repo/.build/release/nyumba"

# Daraja: the bundled simulator unless NYUMBA_DARAJA_BASE_URL points at a real Daraja.
sim_pid=""
if [ -z "${NYUMBA_DARAJA_BASE_URL:-}" ]; then
    export NYUMBA_DARAJA_SIM_PORT="${NYUMBA_DARAJA_SIM_PORT:-8090}"
    export NYUMBA_DARAJA_BASE_URL="http://127.0.0.1:$NYUMBA_DARAJA_SIM_PORT"
    export NYUMBA_DARAJA_CONSUMER_KEY="${NYUMBA_DARAJA_CONSUMER_KEY:-sim-key}"
    export NYUMBA_DARAJA_CONSUMER_SECRET="${NYUMBA_DARAJA_CONSUMER_SECRET:-sim-secret}"
    export NYUMBA_DARAJA_SHORTCODE="${NYUMBA_DARAJA_SHORTCODE:-174379}"
    export NYUMBA_DARAJA_PASSKEY="${NYUMBA_DARAJA_PASSKEY:-bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919}"
    export NYUMBA_DARAJA_CALLBACK_TOKEN="${NYUMBA_DARAJA_CALLBACK_TOKEN:-$(openssl rand -hex 16)}"
    use_sim=1
fi

# SMS: the bundled Africa's Talking simulator unless NYUMBA_AT_BASE_URL points at the real one.
export NYUMBA_SMS_DIR="${NYUMBA_SMS_DIR:-$var/sms}"
sms_sim_pid=""
if [ -z "${NYUMBA_AT_BASE_URL:-}" ]; then
    export NYUMBA_SMS_SIM_PORT="${NYUMBA_SMS_SIM_PORT:-8091}"
    export NYUMBA_AT_BASE_URL="http://127.0.0.1:$NYUMBA_SMS_SIM_PORT"
    export NYUMBA_AT_USERNAME="${NYUMBA_AT_USERNAME:-sandbox}"
    export NYUMBA_AT_API_KEY="${NYUMBA_AT_API_KEY:-sim-api-key}"
    export NYUMBA_SMS_REPORT_TOKEN="${NYUMBA_SMS_REPORT_TOKEN:-$(openssl rand -hex 16)}"
    export NYUMBA_SMS_SIM_REPORT_URL="$NYUMBA_PUBLIC_URL/sms/reports/$NYUMBA_SMS_REPORT_TOKEN"
    use_sms_sim=1
fi

responder_pid=""
stop_all() {
    trap - INT TERM EXIT
    echo
    echo "stopping…"
    bash scripts/nginx.sh stop "$var/run/nginx" >/dev/null 2>&1 || true
    if [ -n "$responder_pid" ] && kill -0 "$responder_pid" 2>/dev/null; then
        kill -TERM "$responder_pid"
        wait "$responder_pid" || true
    fi
    for pid in "$sim_pid" "$sms_sim_pid"; do
        if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid"
            wait "$pid" || true
        fi
    done
    if [ -z "${keep_db:-}" ]; then bash scripts/mariadb.sh stop "$var/db" >/dev/null 2>&1 || true; fi
    echo "stopped; data kept in $var"
}
trap stop_all INT TERM EXIT

if [ -z "${NYUMBA_DATABASE_URL:-}" ]; then
    NYUMBA_DATABASE_URL="$(bash scripts/mariadb.sh start "$var/db" | tail -n 1)"
    export NYUMBA_DATABASE_URL
else
    keep_db=1 # an operator's own database: not ours to stop
fi
"$bin" migrate
# On an empty database only: a landlord, a property and an approved tenant to try things with.
"$bin" seed --demo --logins-file "$var/demo-logins.txt" >/dev/null

if [ -n "${use_sim:-}" ]; then
    "$bin" daraja-sim >>"$var/daraja-sim.log" 2>&1 &
    sim_pid=$!
fi
if [ -n "${use_sms_sim:-}" ]; then
    "$bin" sms-sim >>"$var/sms-sim.log" 2>&1 &
    sms_sim_pid=$!
fi

"$bin" serve 2>>"$var/responder.log" &
responder_pid=$!
for _ in $(seq 1 100); do
    [ -S "$NYUMBA_FCGI_SOCKET" ] && [ -S "$NYUMBA_DARAJA_FCGI_SOCKET" ] && break
    kill -0 "$responder_pid" 2>/dev/null || { tail -n 20 "$var/responder.log"; exit 1; }
    sleep 0.1
done
bash scripts/nginx.sh start "$var/run/nginx" >/dev/null
if [ -n "${use_sim:-}" ]; then
    # Paybill payments: the simulator posts them to our C2B URLs once they are registered.
    for _ in $(seq 1 50); do
        "$bin" c2b-register >>"$var/daraja-sim.log" 2>&1 && break
        sleep 0.1
    done
fi

cat <<MSG

  Nyumba is running at $NYUMBA_PUBLIC_URL/
$(cat "$var/demo-logins.txt" 2>/dev/null | sed 's/^/  /')
  responder log: $var/responder.log
  emails are written to: $NYUMBA_MAIL_DIR
  SMS: $NYUMBA_AT_BASE_URL${use_sms_sim:+ (the simulator: curl $NYUMBA_AT_BASE_URL/sim/messages)}
  M-Pesa: $NYUMBA_DARAJA_BASE_URL${use_sim:+ (the simulator; phones ending 1032 cancel, 2001 wrong PIN, 1037 time out)}
  Paybill payment (simulator): curl -d '{"shortcode":"SHORTCODE","account":"ACCOUNT","amount":100,"phone":"254712345678"}' $NYUMBA_DARAJA_BASE_URL/sim/c2b/pay
  Ctrl-C stops everything.

MSG
wait "$responder_pid"
