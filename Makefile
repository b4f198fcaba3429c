# Nyumba — see README.md. Every target installs what it needs (Debian 12, as root).
.PHONY: run test bench build release format clean

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

bench: release
	bash scripts/bench.sh

format:
	swift format --in-place --recursive Sources Tests Package.swift

clean:
	rm -rf .build
