#!/usr/bin/env bash
# A private MariaDB instance for development and tests; never touches the system one.
#
#   scripts/mariadb.sh start DIR   create (first time) and start; prints the database URL
#   scripts/mariadb.sh stop DIR    shut down and wait for the server to exit
#   scripts/mariadb.sh url DIR     print the database URL
#
# The application user's password comes from NYUMBA_DB_PASSWORD (default nyumba-dev).
set -euo pipefail

usage() {
    echo "usage: $0 start|stop|url DIR" >&2
    exit 2
}

[ $# -eq 2 ] || usage
cmd=$1
mkdir -p "$2"
dir=$(cd "$2" && pwd)
cnf="$dir/my.cnf"
pidfile="$dir/mysqld.pid"
sock="$dir/mysqld.sock"
password=${NYUMBA_DB_PASSWORD:-nyumba-dev}

url() {
    # The password goes into a URL: percent-encode everything but unreserved characters.
    local encoded="" c i
    for ((i = 0; i < ${#password}; i++)); do
        c=${password:i:1}
        case "$c" in
            [A-Za-z0-9._~-]) encoded+="$c" ;;
            *) encoded+=$(printf '%%%02X' "'$c") ;;
        esac
    done
    echo "mariadb://nyumba:${encoded}@localhost/nyumba?socket=${sock}"
}

running() {
    [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null
}

# Rewritten on every start, so a folder created by an older version of this script gets
# today's settings (durability above all) rather than the ones it was created with.
write_config() {
    cat >"$cnf" <<EOF
[mariadbd]
user=root
datadir=$dir/data
socket=$sock
pid-file=$pidfile
log-error=$dir/error.log
skip-networking
character-set-server=utf8mb4
collation-server=utf8mb4_unicode_ci
# The benchmark's medium data (~740 MB) fits, so settling a payment reads no index page from
# disk (with 256M: one read every three callbacks). Allocated as used.
innodb_buffer_pool_size=1G
# Durable commits: a committed payment survives a machine crash. No binary log is kept;
# if one is ever switched on (log-bin), add sync_binlog=1 beside it.
innodb_flush_log_at_trx_commit=1
# A settlement writes ~6 KB of redo: at 2,000 a second a 64M log is full in ~5 s and forces
# page flushing mid-run; 256M leaves a checkpoint every ~20 s.
innodb_log_file_size=256M
max_connections=200
# Every deadlock's two transactions and their locks go to error.log (a failed test prints them).
innodb_print_all_deadlocks=ON

[client]
socket=$sock
default-character-set=utf8mb4
EOF
}

start() {
    write_config
    if [ ! -d "$dir/data/mysql" ]; then
        mariadb-install-db --defaults-file="$cnf" \
            --auth-root-authentication-method=socket --skip-test-db >"$dir/install.log" 2>&1 || {
            cat "$dir/install.log" >&2
            exit 1
        }
    fi
    if ! running; then
        (
            # Close descriptors inherited from our caller: a caller that waits for them to
            # close (Foundation's Process does) would otherwise wait for the server's exit.
            for fd in /proc/self/fd/*; do
                fd=${fd##*/}
                [ "$fd" -gt 2 ] && eval "exec $fd>&-" 2>/dev/null
            done
            exec mariadbd --defaults-file="$cnf" >>"$dir/mariadbd.out" 2>&1 </dev/null
        ) &
        local waited=0
        until mariadb-admin --defaults-file="$cnf" ping >/dev/null 2>&1; do
            sleep 0.1
            waited=$((waited + 1))
            if [ $waited -ge 300 ]; then
                echo "MariaDB did not answer within 30 s; error log:" >&2
                cat "$dir/error.log" >&2 2>/dev/null || true
                exit 1
            fi
        done
    fi
    local sqlpass=${password//\\/\\\\}
    sqlpass=${sqlpass//\'/\\\'}
    # Tests create their own nyumba_* databases, hence the wildcard grant.
    mariadb --defaults-file="$cnf" -u root <<EOF
CREATE DATABASE IF NOT EXISTS nyumba CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'nyumba'@'localhost' IDENTIFIED BY '$sqlpass';
CREATE USER IF NOT EXISTS 'nyumba'@'127.0.0.1' IDENTIFIED BY '$sqlpass';
ALTER USER 'nyumba'@'localhost' IDENTIFIED BY '$sqlpass';
ALTER USER 'nyumba'@'127.0.0.1' IDENTIFIED BY '$sqlpass';
GRANT ALL PRIVILEGES ON \`nyumba%\`.* TO 'nyumba'@'localhost';
GRANT ALL PRIVILEGES ON \`nyumba%\`.* TO 'nyumba'@'127.0.0.1';
EOF
    url
}

stop() {
    if ! running; then
        echo "MariaDB in $dir is not running"
        return
    fi
    local pid
    pid=$(cat "$pidfile")
    mariadb-admin --defaults-file="$cnf" -u root shutdown
    local waited=0
    while kill -0 "$pid" 2>/dev/null; do
        sleep 0.1
        waited=$((waited + 1))
        if [ $waited -ge 300 ]; then
            echo "MariaDB (pid $pid) still running after 30 s" >&2
            exit 1
        fi
    done
    echo "MariaDB in $dir stopped"
}

case "$cmd" in
    start) start ;;
    stop) stop ;;
    url) url ;;
    *) usage ;;
esac
