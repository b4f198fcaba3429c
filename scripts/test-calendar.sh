#!/usr/bin/env bash
# make test-calendar: the date-sensitive integration tests, with the whole stack (MariaDB,
# nginx, the responder, the simulator and pytest itself) started at pinned instants through
# Debian's libfaketime. Every process reads the same faked clock, which starts at the instant
# and then runs on, so the app and the tests' own expectations agree on "today". (The in-process
# Swift tests are not run here: XCTest's run loop hangs now and then on a faked clock. Those that
# depend on the day derive their expectations from the app's own today, and RentSchedule's unit
# tests pin these dates directly.)
#
#   bash scripts/test-calendar.sh                     every instant below
#   bash scripts/test-calendar.sh "2027-03-31 10:00"  one instant (Nairobi time), any pytest args after
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

bash scripts/install-deps.sh
swift build

# Nairobi wall-clock instants (EAT, UTC+3): each is turned into UTC for libfaketime.
instants=(
    "2027-03-01 10:00"  # the 1st
    "2027-03-04 10:00"  # the day before the usual due day
    "2027-03-05 10:00"  # the usual due day
    "2027-03-28 10:00"
    "2027-03-29 10:00"
    "2027-03-30 10:00"
    "2027-03-31 10:00"  # the last day of a long month
    "2028-02-28 10:00"  # February of a leap year
    "2028-02-29 10:00"
    "2026-12-31 23:30"  # New Year's Eve in Nairobi
    "2027-01-01 02:30"  # New Year's Day in Nairobi, still 31 December in UTC
)
tests=(Tests/integration/test_ledger.py Tests/integration/test_dashboard.py Tests/integration/test_reminders.py
    Tests/integration/test_payments.py Tests/integration/test_api.py Tests/integration/test_api_more.py
    Tests/integration/test_charges.py Tests/integration/test_sms.py)
if [ $# -gt 0 ]; then
    instants=("$1")
    shift
fi
[ $# -gt 0 ] && tests=("$@")

preload=/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1
binary="$(swift build --show-bin-path)/nyumba"

# libfaketime keeps a semaphore and a shared memory segment in /dev/shm, named after the process
# that set up the faked clock. A process stopped by a signal (the stack stops its servers so)
# leaves them behind, and a later process that gets the same PID then fails to set up its clock
# (libfaketime's README: "please cleanup /dev/shm"). Seen here: nginx refusing to start, and a
# `nyumba` started with no arguments. With 1,318 left over in a PID space of 32,768, about one
# start in 25 got such a PID. Those whose process is gone are removed before each instant and at the end.
remove_stale_faketime_files() {
    local file
    for file in /dev/shm/faketime_shm_* /dev/shm/sem.faketime_sem_*; do
        [ -e "$file" ] && [ ! -d "/proc/${file##*_}" ] && rm -f "$file"
    done
    return 0
}

results=()
failed=0
for instant in "${instants[@]}"; do
    remove_stale_faketime_files
    utc="$(TZ=UTC date -d "$instant +0300" '+%Y-%m-%d %H:%M:%S')"
    echo "test-calendar: $instant EAT ($utc UTC)" >&2
    if TZ=UTC LD_PRELOAD="$preload" FAKETIME="@$utc" FAKETIME_DONT_RESET=1 NYUMBA_BIN="$binary" \
        python3 -m pytest -q -p no:cacheprovider "${tests[@]}"; then
        results+=("| $instant EAT | $utc UTC | passed |")
    else
        results+=("| $instant EAT | $utc UTC | FAILED |")
        failed=1
    fi
done
# And after the last one, so that the run leaves nothing of its own behind.
remove_stale_faketime_files

echo
echo "| instant (Nairobi) | faked clock | result |"
echo "| --- | --- | --- |"
printf '%s\n' "${results[@]}"
exit "$failed"
