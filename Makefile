# EDIGate: the two commands are `make demo` and `make test`; both install what they need.
SWIFT ?= swift

.PHONY: deps build test demo bench bench-parse clean

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

demo: deps
	$(SWIFT) build
	scripts/demo.sh

bench: bench-parse

bench-parse: deps
	scripts/bench-parse.sh

clean:
	rm -rf .build .build-* bench-data
