# Atrium: the commands a newcomer needs. `make run` and `make test` work on a fresh machine.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
export TRUNK_SKIP_VERSION_CHECK := true
PORT ?= 8080
DATABASE_URL ?= sqlite://atrium.db
SERVER := target/debug/atrium-server
RELEASE_SERVER := target/release/atrium-server

.PHONY: help setup dist dist-debug server server-release run test lint fmt fmt-check fn-length clippy test-rust test-postgres test-fuzz test-openapi test-faults test-wasm test-e2e size bench screenshots


help:
	@echo "make run     build everything and serve the demo on http://127.0.0.1:$(PORT)"
	@echo "make test    every check and test (format, lint, host, browser components, end-to-end)"
	@echo "make size    raw/gzip/brotli bytes of the release client"
	@echo "make bench   size, load time, heap, Lighthouse and server load figures beside react-admin"
	@echo "make screenshots  the README's screenshots, afresh from the demo"
	@echo "make fmt     format the code (leptosfmt for view! macros, then rustfmt)"

setup:
	@scripts/setup.sh

# The release client: size-tuned and precompressed.
dist: setup
	scripts/build-client.sh release

dist-debug: setup
	scripts/build-client.sh debug

server: setup
	cargo build -p atrium-server

server-release: setup
	cargo build --release -p atrium-server

# The demo simulator keeps conversations arriving; `make run SIMULATE=0` turns it off.
SIMULATE ?= 1
SIMULATE_FLAG := $(if $(filter 0,$(SIMULATE)),,--simulate-demo)

run: dist server
	$(SERVER) --port $(PORT) --database-url $(DATABASE_URL) --dist dist --seed-demo $(SIMULATE_FLAG)

test: setup
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory test-rust
	$(MAKE) --no-print-directory test-fuzz
	$(MAKE) --no-print-directory test-openapi
	$(MAKE) --no-print-directory test-faults
	$(MAKE) --no-print-directory test-wasm
	scripts/build-client.sh release
	PUBLIC_URL=/dashboard/ DIST_DIR=target/dist-subpath scripts/build-client.sh release
	$(MAKE) --no-print-directory test-e2e

# leptosfmt lays out view! macros (leptosfmt.toml), rustfmt the rest; leptosfmt runs again
# because rustfmt re-indents the closures inside views.
VIEW_SOURCES := src tests/components.rs

fmt:
	leptosfmt --quiet $(VIEW_SOURCES)
	cargo fmt --all
	leptosfmt --quiet $(VIEW_SOURCES)

fmt-check:
	cargo fmt --all -- --check
	leptosfmt --quiet --check $(VIEW_SOURCES)

clippy:
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p atrium -p atrium-api --target wasm32-unknown-unknown --all-targets --features lazy-locales,split -- -D warnings

# No client function over 80 lines as `make fmt` lays it out (CONTRIBUTING.md).
fn-length:
	scripts/fn-length.py src

lint: fmt-check fn-length clippy

# Host tests: shared types, client logic, every server route through app(); then the
# whole server suite again on a throwaway PostgreSQL cluster (replica tests included).
test-rust:
	cargo test --workspace
	$(MAKE) --no-print-directory test-postgres
	cargo build -p atrium-server

test-postgres:
	scripts/pg-cluster.sh run cargo test -p atrium-server

# Schemathesis against the debug server's OpenAPI document, signed in (tests/fuzz/run.sh):
# no 5xx, every answer as documented. FUZZ_EXAMPLES=n per operation (default 25).
test-fuzz:
	@test -x $(SERVER) || { echo "build the server first (make test-rust)"; exit 1; }
	SERVER=$(SERVER) tests/fuzz/run.sh

# The served OpenAPI document through Redocly's recommended lint (0 errors), and a
# TypeScript client generated from it, type-checked and run against the server.
test-openapi:
	@test -x $(SERVER) || { echo "build the server first (make test-rust)"; exit 1; }
	SERVER=$(SERVER) tests/openapi-client/run.sh

# A really full disk: the debug server's database on a small tmpfs filled until it answers
# 507, then room made (tests/faults/full-disk.test.mjs). Mounting needs root, as on CI;
# otherwise it prints that it did not run.
test-faults:
	@test -x $(SERVER) || { echo "build the server first (make test-rust)"; exit 1; }
	SERVER=$(SERVER) node --test tests/faults/

# Component tests in headless Chromium (wasm-bindgen-test).
test-wasm:
	cargo test -p atrium --target wasm32-unknown-unknown --test components

# The real server, the built dist/, real headless Chromium.
test-e2e:
	@test -x $(SERVER) || { echo "build the server first (make test-rust)"; exit 1; }
	@test -f dist/index.html || { echo "build the client first (make dist)"; exit 1; }
	node --test --test-concurrency=1 tests/e2e/

# The README's screenshots (docs/screenshots/), taken afresh from the demo by the e2e test
# that otherwise writes them to target/screenshots/.
screenshots:
	@test -x $(SERVER) || { echo "build the server first (make server)"; exit 1; }
	@test -f dist/index.html || { echo "build the client first (make dist)"; exit 1; }
	SCREENSHOTS_DIR=docs/screenshots node --test tests/e2e/screenshots.test.mjs

size:
	@scripts/size.sh

# Figures, not pass/fail: the release client and release server against a react-admin app
# (bench/react-admin), on a fresh database with 10k orgs and 100k conversations. Prints a
# table and writes bench/results/<timestamp>.{json,md} and bench/results/latest.md.
bench: dist server-release
	scripts/setup-bench.sh
	ATRIUM_SERVER_BIN=$(RELEASE_SERVER) node bench/run.mjs
