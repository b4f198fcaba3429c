#!/usr/bin/env bash
# make fuzz: builds the libFuzzer targets of fuzz/ (with AddressSanitizer) and runs each
# from its seed corpus (fuzz/corpus/<target>/) for FUZZ_RUNS executions (1,000,000 by
# default). Fails on any crash, broken invariant, leak, hang (-timeout) or memory blow-up.
# Inputs libFuzzer finds interesting go to .build-fuzz/corpus/<target>/ (not committed);
# a failing input is saved as .build-fuzz/artifacts/<target>-crash-… to replay with
# `.build-fuzz/release/<target> FILE`. Usage: scripts/fuzz.sh [target…]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

bash scripts/install-deps.sh
runs="${FUZZ_RUNS:-1000000}"
targets=("$@")
[ ${#targets[@]} -gt 0 ] ||
    targets=(fuzz-request fuzz-form fuzz-cookie fuzz-json fuzz-stk-callback fuzz-c2b-confirmation fuzz-sms-report)

# The fuzzer runtime supplies main; lld keeps gold's warnings about ASan's local symbols away.
swift build -c release --package-path fuzz --scratch-path .build-fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -use-ld=lld
bin=.build-fuzz/release

# A smaller quarantine and shorter allocation stacks than ASan's defaults: ~2× the
# executions per second and ~80 MB instead of ~550 MB resident, at the cost of shorter
# "allocated by" traces in a report (the crashing stack itself is complete).
export ASAN_OPTIONS="${ASAN_OPTIONS:-quarantine_size_mb=16:malloc_context_size=8}"
# Swift's own backtracer trips over ASan's redzones and buries the "Fatal error" line;
# libFuzzer prints the stack of a crash itself.
export SWIFT_BACKTRACE=enable=no

failed=()
summary=()
mkdir -p .build-fuzz/artifacts .build-fuzz/logs
for target in "${targets[@]}"; do
    work=".build-fuzz/corpus/$target"
    log=".build-fuzz/logs/$target.log"
    mkdir -p "$work"
    echo "fuzz: $target ($runs runs)…" >&2
    status=0
    # The first directory collects new inputs; the committed seeds are only read.
    "$bin/$target" -runs="$runs" -max_len=4096 -timeout=2 -rss_limit_mb=1024 -print_final_stats=1 \
        -artifact_prefix=".build-fuzz/artifacts/$target-" "$work" "fuzz/corpus/$target" >"$log" 2>&1 || status=$?
    executed="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
    rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)"
    seconds="$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -n 1)"
    if [ "$status" -ne 0 ] || [ "${executed:-0}" -lt "$runs" ]; then
        failed+=("$target")
        summary+=("$(printf '%-18s FAILED (exit %s) — see %s' "$target" "$status" "$log")")
        grep -E "ERROR|SUMMARY|fuzz invariant|Fatal error|Test unit written" "$log" | head -n 20 >&2 || true
    else
        summary+=("$(printf '%-18s %9s runs  %7s exec/s  %4s s' "$target" "$executed" "$rate" "${seconds:-?}")")
    fi
done

printf '%s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: failed: ${failed[*]}" >&2
    exit 1
fi
