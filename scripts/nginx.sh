#!/usr/bin/env bash
# Development nginx for Nyumba, run from a folder of its own (no /etc/nginx, no /var).
#
#   scripts/nginx.sh start  RUN_DIR   render nginx/nyumba.conf.template into RUN_DIR/nginx.conf,
#                                     check it (nginx -t), start nginx in the background,
#                                     wait until the port answers, print the URL on stdout
#   scripts/nginx.sh stop   RUN_DIR   graceful stop (QUIT, then TERM) of RUN_DIR/nginx.pid
#   scripts/nginx.sh reload RUN_DIR   re-render, check and reload a running nginx
#   scripts/nginx.sh render RUN_DIR   render and check only
#
# Environment:
#   NYUMBA_HTTP_PORT        port on 127.0.0.1 (default 8080)
#   NYUMBA_FCGI_SOCKET      responder socket: /path.sock or host:port (default RUN_DIR/nyumba.sock)
#   NYUMBA_FCGI_UPSTREAM    several responders instead, space-separated ("unix:/a.sock unix:/b.sock"
#                           or "10.0.0.11:9000 10.0.0.12:9000"): rendered as an `upstream` block
#                           that nginx balances over (and retries the next server on a connect
#                           error: fastcgi_next_upstream's default "error timeout")
#   NYUMBA_DARAJA_FCGI_SOCKET  the responder's socket for Daraja's callbacks (/daraja/…), when it
#                           listens on one of its own; unset: they go where everything else goes
#   NYUMBA_DARAJA_FCGI_UPSTREAM  the same for several responders, as NYUMBA_FCGI_UPSTREAM
#   NYUMBA_STATIC_DIR       served at /static/ (default: the repo's static/)
#   NYUMBA_NGINX_ACCESS_LOG on (default: RUN_DIR/access.log, buffered) or off
#   NYUMBA_NGINX_RATE_LIMIT on (default: 20 r/s, burst 100 on sign-in POSTs) or off
#   NYUMBA_NGINX_USER       worker user when started as root, e.g. "nobody nogroup" or "root".
#                           Default: nobody/nogroup if that user can reach the run dir, the
#                           socket's folder and the static dir (a mktemp -d folder is 0700,
#                           which nobody cannot enter), otherwise root.
# Files RUN_DIR/server.d/*.conf are included inside the server block (the benchmark adds
# a location there).
set -euo pipefail
shopt -u patsub_replacement 2>/dev/null || true # "&" in a value stays a literal "&"

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
conf_src="$repo/nginx"

die() { echo "nginx.sh: $*" >&2; exit 1; }
note() { echo "nginx.sh: $*" >&2; }

usage() {
    echo "usage: $0 start|stop|reload|render RUN_DIR" >&2
    exit 2
}

[ $# -eq 2 ] || usage
cmd="$1"
mkdir -p "$2"
run_dir="$(cd "$2" && pwd)"
pid_file="$run_dir/nginx.pid"

nginx_bin="$(command -v nginx || true)"
[ -n "$nginx_bin" ] || nginx_bin=/usr/sbin/nginx
[ -x "$nginx_bin" ] || die "nginx is not installed (apt-get install nginx)"

nginx_args=(-p "$run_dir" -c "$run_dir/nginx.conf" -e "$run_dir/error.log")

# Is the process alive? A zombie is not: PID 1 here may take seconds to reap one.
alive() {
    local state
    state="$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" || return 1
    [ -n "$state" ] && [ "$state" != Z ]
}

# The pid of our running nginx master, or nothing.
running_pid() {
    [ -s "$pid_file" ] || return 0
    local pid
    pid="$(tr -dc '0-9' <"$pid_file")"
    [ -n "$pid" ] || return 0
    # The pid must still be an nginx (pids are reused).
    if alive "$pid" && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = nginx ]; then
        echo "$pid"
    fi
    return 0
}

# Can the unprivileged worker user use every path nginx workers touch?
nobody_can_reach() {
    local sock_dir="$1"
    command -v setpriv >/dev/null || return 1
    # shellcheck disable=SC2016 # $1..$3 are expanded by the inner sh
    setpriv --reuid=65534 --regid=65534 --clear-groups -- \
        sh -c 'test -x "$1" && test -x "$1/tmp" && test -x "$2" && test -r "$3" && test -x "$3"' \
        sh "$run_dir" "$sock_dir" "$static_dir" 2>/dev/null
}

# pass_to NAME SOCKET: sets pass (fastcgi_pass's argument) and pass_dir (the socket's folder, or /).
pass_to() {
    local socket="${2#unix:}"
    case "$socket" in
        /*) pass="unix:$socket" pass_dir="$(dirname "$socket")" ;;
        *:*) pass="$socket" pass_dir="/" ;;
        *) die "$1 must be an absolute socket path or host:port, not '$socket'" ;;
    esac
}

# upstream BLOCK NAME SERVERS: adds `upstream BLOCK { server …; }` to upstream_blocks, for nginx to
# balance over (retrying the next server on a connect error: fastcgi_next_upstream's default
# "error timeout"); sets pass to BLOCK and pass_dir to the first unix socket's folder, or /.
upstream() {
    local server
    pass="$1" pass_dir=""
    upstream_blocks+="upstream $1 {"
    for server in $3; do
        case "$server" in
            unix:/*) [ -n "$pass_dir" ] || pass_dir="$(dirname "${server#unix:}")" ;;
            /*) [ -n "$pass_dir" ] || pass_dir="$(dirname "$server")"; server="unix:$server" ;;
            *:*) ;;
            *) die "$2: each server must be unix:/path.sock or host:port, not '$server'" ;;
        esac
        upstream_blocks+=$'\n'"        server $server;"
    done
    upstream_blocks+=$'\n    }\n    '
    [ -n "$pass_dir" ] || pass_dir="/"
}

render() {
    port="${NYUMBA_HTTP_PORT:-8080}"
    case "$port" in
        '' | *[!0-9]*) die "NYUMBA_HTTP_PORT must be a port number, not '$port'" ;;
    esac
    if [ "$port" -lt 1 ] || [ "$port" -gt 65535 ]; then
        die "NYUMBA_HTTP_PORT out of range: $port"
    fi

    local fcgi_pass sock_dir upstream_blocks=""
    if [ -n "${NYUMBA_FCGI_UPSTREAM:-}" ]; then
        upstream nyumba_responders NYUMBA_FCGI_UPSTREAM "$NYUMBA_FCGI_UPSTREAM"
    else
        pass_to NYUMBA_FCGI_SOCKET "${NYUMBA_FCGI_SOCKET:-$run_dir/nyumba.sock}"
    fi
    fcgi_pass="$pass" sock_dir="$pass_dir"
    local daraja_pass="$fcgi_pass" daraja_dir="$sock_dir"
    if [ -n "${NYUMBA_DARAJA_FCGI_UPSTREAM:-}" ]; then
        upstream nyumba_daraja_responders NYUMBA_DARAJA_FCGI_UPSTREAM "$NYUMBA_DARAJA_FCGI_UPSTREAM"
        daraja_pass="$pass" daraja_dir="$pass_dir"
    elif [ -n "${NYUMBA_DARAJA_FCGI_SOCKET:-}" ]; then
        pass_to NYUMBA_DARAJA_FCGI_SOCKET "$NYUMBA_DARAJA_FCGI_SOCKET"
        daraja_pass="$pass" daraja_dir="$pass_dir"
    fi
    [ -n "$upstream_blocks" ] || upstream_blocks="# one responder: NYUMBA_FCGI_UPSTREAM not set"

    static_dir="${NYUMBA_STATIC_DIR:-$repo/static}"
    [ -d "$static_dir" ] || die "static dir not found: $static_dir (set NYUMBA_STATIC_DIR)"
    static_dir="$(cd "$static_dir" && pwd)"

    local access_log rate_key
    case "${NYUMBA_NGINX_ACCESS_LOG:-on}" in
        on) access_log="$run_dir/access.log main buffer=64k flush=1s" ;;
        off) access_log="off" ;;
        *) die "NYUMBA_NGINX_ACCESS_LOG must be on or off" ;;
    esac
    case "${NYUMBA_NGINX_RATE_LIMIT:-on}" in
        on) rate_key="\$binary_remote_addr" ;; # an nginx variable, not a shell one
        off) rate_key='""' ;;
        *) die "NYUMBA_NGINX_RATE_LIMIT must be on or off" ;;
    esac

    # The includes go to RUN_DIR/nyumba/, as they go to /etc/nginx/nyumba/ in production:
    # relative includes resolve against the folder of the main config file.
    mkdir -p "$run_dir/tmp" "$run_dir/server.d" "$run_dir/errors" "$run_dir/nyumba"
    cp "$conf_src/fastcgi_params" "$conf_src/fastcgi_nyumba.conf" \
        "$conf_src/security_headers.conf" "$conf_src/mime.types" "$run_dir/nyumba/"
    cp "$conf_src/errors/50x.html" "$run_dir/errors/"

    # The "user" directive only means something when the master runs as root.
    local user_directive
    if [ "$(id -u)" -ne 0 ]; then
        user_directive="# not started as root: workers run as $(id -un)"
    elif [ -n "${NYUMBA_NGINX_USER:-}" ]; then
        user_directive="user ${NYUMBA_NGINX_USER};"
    elif nobody_can_reach "$sock_dir" && nobody_can_reach "$daraja_dir"; then
        user_directive="user nobody nogroup;"
    else
        user_directive="user root; # nobody cannot reach one of: $run_dir $sock_dir $daraja_dir $static_dir"
        note "workers run as root: user nobody cannot reach the run dir, socket dir or static dir"
    fi

    local text
    text="$(<"$conf_src/nyumba.conf.template")"
    text="${text//@USER_DIRECTIVE@/$user_directive}"
    text="${text//@RUN_DIR@/$run_dir}"
    text="${text//@HTTP_PORT@/$port}"
    text="${text//@FCGI_PASS@/$fcgi_pass}"
    text="${text//@DARAJA_FCGI_PASS@/$daraja_pass}"
    text="${text//@UPSTREAM_BLOCK@/$upstream_blocks}"
    text="${text//@STATIC_DIR@/$static_dir}"
    text="${text//@ACCESS_LOG@/$access_log}"
    text="${text//@AUTH_LIMIT_KEY@/$rate_key}"
    if [[ "$text" =~ @[A-Z_]+@ ]]; then
        die "placeholder ${BASH_REMATCH[0]} left unrendered in nginx.conf"
    fi
    printf '%s\n' "$text" >"$run_dir/nginx.conf.new"
    mv "$run_dir/nginx.conf.new" "$run_dir/nginx.conf"

    if ! "$nginx_bin" -t -q "${nginx_args[@]}" 2>"$run_dir/nginx-t.log"; then
        cat "$run_dir/nginx-t.log" >&2
        die "rendered config $run_dir/nginx.conf is invalid"
    fi
}

port_answers() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

case "$cmd" in
    render)
        render
        echo "$run_dir/nginx.conf"
        ;;
    start)
        if pid="$(running_pid)" && [ -n "$pid" ]; then
            die "nginx already running from $run_dir (pid $pid)"
        fi
        rm -f "$pid_file"
        render
        if port_answers "$port"; then
            die "127.0.0.1:$port is already in use (set NYUMBA_HTTP_PORT)"
        fi
        # Without "daemon off" nginx forks and this returns once the master is up;
        # the master writes RUN_DIR/nginx.pid.
        if ! "$nginx_bin" "${nginx_args[@]}"; then
            tail -n 20 "$run_dir/error.log" >&2 || true
            die "nginx failed to start"
        fi
        for _ in $(seq 100); do
            port_answers "$port" && break
            sleep 0.05
        done
        if ! port_answers "$port"; then
            tail -n 20 "$run_dir/error.log" >&2 || true
            die "nginx did not answer on 127.0.0.1:$port"
        fi
        echo "http://127.0.0.1:$port/"
        ;;
    reload)
        pid="$(running_pid)"
        [ -n "$pid" ] || die "no nginx running from $run_dir"
        render
        kill -HUP "$pid"
        ;;
    stop)
        pid="$(running_pid)"
        if [ -z "$pid" ]; then
            rm -f "$pid_file"
            note "no nginx running from $run_dir"
            exit 0
        fi
        # QUIT: finish the requests in flight, then exit. TERM if that takes too long.
        kill -QUIT "$pid" 2>/dev/null || true
        for i in $(seq 200); do
            alive "$pid" || break
            [ "$i" -eq 100 ] && kill -TERM "$pid" 2>/dev/null
            sleep 0.05
        done
        if alive "$pid"; then
            kill -KILL "$pid" 2>/dev/null || true
            note "nginx $pid did not stop; killed"
        fi
        rm -f "$pid_file"
        ;;
    *)
        usage
        ;;
esac
