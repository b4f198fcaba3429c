# BENCH_COMPARE's runs and report (sourced by scripts/bench.sh once both sides are warm). Each
# run measures every workload on A and on B back to back, A first in odd runs and B first in even
# ones, so that both sides see the same moment of a shared machine; the B/A ratio of each run is
# kept, and their median is the figure to quote.

# The median of column COLUMN of the lines on stdin (the lower one of an even count).
median_of() {
    sort -g -k"$1,$1" | awk -v k="$1" '{ v[NR] = $k } END { print NR ? v[int((NR + 1) / 2)] : 0 }'
}

declare -A compared # "workload,side" → newline-separated "rps p50 p99 errors responder_us db_us kernel_us"
declare -A ratios   # "workload" → newline-separated B/A requests/s, one per run
declare -A rps      # "side" → requests/s of this run
for run in $(seq "$runs"); do
    order="a b"
    [ $((run % 2)) = 0 ] && order="b a"
    for w in "${workloads[@]}"; do
        for side in $order; do
            say "run $run/$runs: $w on ${side^^}"
            measure "$w" "$run" "$duration" "$side"
            line="$(measured)"
            compared[$w,$side]+="$line"$'\n'
            rps[$side]="${line%% *}"
        done
        ratios[$w]+="$(awk -v a="${rps[a]}" -v b="${rps[b]}" 'BEGIN { if (a > 0) printf "%.3f", b / a; else print 0 }')"$'\n'
    done
done

echo
echo "Nyumba benchmark, A against B — $(nproc) cores, wrk -t$wrk_threads -c$connections -d$duration, $runs paired runs (ABBA), workers: $workers${daraja_socket:+, Daraja callback workers: $daraja_workers}"
echo "A: $nyumba_bin"
echo "B: $compare_bin"
echo
printf '| %-20s | %9s | %9s | %8s | %-30s | %9s | %9s | %9s |\n' workload "A req/s" "B req/s" "B/A" "B/A of each run" "A p99 ms" "B p99 ms" "errors"
printf '| %-20s | %9s | %9s | %8s | %-30s | %9s | %9s | %9s |\n' --- ---: ---: ---: --- ---: ---: ---:
for w in "${workloads[@]}"; do
    a="${compared[$w,a]}"
    b="${compared[$w,b]}"
    printf '| %-20s | %9.0f | %9.0f | %8s | %-30s | %9s | %9s | %9s |\n' "$w" \
        "$(median_of 1 <<<"${a%$'\n'}")" "$(median_of 1 <<<"${b%$'\n'}")" \
        "$(median_of 1 <<<"${ratios[$w]%$'\n'}")" "$(tr '\n' ' ' <<<"${ratios[$w]%$'\n'}")" \
        "$(median_of 3 <<<"${a%$'\n'}")" "$(median_of 3 <<<"${b%$'\n'}")" \
        "$(awk '{ n += $4 } END { print n + 0 }' <<<"${a%$'\n'}")/$(awk '{ n += $4 } END { print n + 0 }' <<<"${b%$'\n'}")"
done
echo
echo "req/s and p99: each side's median over the runs; B/A: the median of the runs' ratios."
for w in "${workloads[@]}"; do
    for side in a b; do
        lines="${compared[$w,$side]%$'\n'}"
        echo "cpu per request, $w, ${side^^}: responder $(median_of 5 <<<"$lines") µs (kernel $(median_of 7 <<<"$lines")), MariaDB $(median_of 6 <<<"$lines") µs (medians of the runs)"
    done
done
echo "the last run's checks:"
cat "$BENCH_TMP"/report-*.txt 2>/dev/null || true
