#!/usr/bin/env bash
# make test: installs what is missing, builds, then runs the unit tests (against a
# private MariaDB) and the integration tests (real nginx → FastCGI → responder →
# MariaDB, each started by the tests in a temporary folder). Leaves nothing running.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

bash scripts/install-deps.sh
swift build --build-tests
# The catalogues as translators' tools read them (syntax, headers, format strings).
for catalogue in templates/po/*.po; do msgfmt --check -o /dev/null "$catalogue"; done
# No new English sentence in Swift: words live in the catalogues.
python3 scripts/check-words.py --self-test
python3 scripts/check-words.py
# Shared state is locked with Locking.Locked, never Synchronization.Mutex, whose futex locking
# ThreadSanitizer cannot see: make test-sanitize would report every access under it as a race.
if grep -rnE --include='*.swift' '\bMutex\(|Mutex<' Sources; then
    echo "test: lock shared state with Locking.Locked, not Synchronization.Mutex (scripts/tsan-suppressions.txt)" >&2
    exit 1
fi

work="$(mktemp -d /tmp/nyumba-test.XXXXXX)"
chmod 755 "$work"
redis_pid=""
cleanup() {
    bash scripts/mariadb.sh stop "$work/unit-db" >/dev/null 2>&1 || true
    if [ -n "$redis_pid" ]; then kill "$redis_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

NYUMBA_TEST_DATABASE_URL="$(bash scripts/mariadb.sh start "$work/unit-db" | tail -n 1)"
export NYUMBA_TEST_DATABASE_URL
redis-server --port 0 --unixsocket "$work/redis.sock" --unixsocketperm 700 --save "" --appendonly no \
    --dir "$work" >/dev/null &
redis_pid=$!
for _ in $(seq 1 50); do [ -S "$work/redis.sock" ] && break; sleep 0.1; done
export NYUMBA_TEST_REDIS_URL="unix://$work/redis.sock"
swift test --skip-build
bash scripts/mariadb.sh stop "$work/unit-db"
kill "$redis_pid" && wait "$redis_pid" 2>/dev/null || true
redis_pid=""

NYUMBA_BIN="$(swift build --show-bin-path)/nyumba" python3 -m pytest -q -p no:cacheprovider Tests/integration "$@"
