# Nyumba — see README.md. Every target installs what it needs (Debian 12, as root).
.PHONY: run test test-calendar bench bench-large build release format clean fuzz test-sanitize

build:
	bash scripts/install-deps.sh
	swift build

release:
	bash scripts/install-deps.sh
	swift build -c release

run: release
	bash scripts/run.sh

test:
	bash scripts/test.sh

# The date-sensitive integration tests at pinned instants (1st, due day, 28th-31st, February,
# New Year's Eve in Nairobi), the whole stack under libfaketime.
test-calendar:
	bash scripts/test-calendar.sh

# Every workload of BENCHMARK.md on the seeded `medium` data (cached in var/bench-cache/).
bench: release
	bash scripts/bench.sh

# One uncached dashboard and the dashboard workload on `large` (~2 million payments).
bench-large: release
	BENCH_SIZE=large bash scripts/bench.sh hello dashboard

# libFuzzer on the request, form, cookie, JSON, STK-callback, paybill-confirmation and SMS
# delivery-report parsers (>= 1M runs each).
fuzz:
	bash scripts/fuzz.sh

# Unit and integration tests under AddressSanitizer, then ThreadSanitizer (not in make test: slow).
test-sanitize:
	bash scripts/test-sanitize.sh

format:
	swift format --in-place --recursive Sources Tests Package.swift

clean:
	rm -rf .build
