#!/usr/bin/env bash
# Installs every tool Atrium needs to build, run and test, from the package
# registries only (crates, npm, PyPI, Debian). Idempotent: about a second when all is present.
#
# Knobs: CARGO_ROOT (default ~/.cargo), SKIP_APT=1 to skip Debian packages.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
TRUNK_VERSION=0.21.14   # newest trunk that builds with rustc 1.95
SCHEMATHESIS_VERSION=4.32.5
LEPTOSFMT_VERSION=0.1.33  # formats view! macros (make fmt, checked by make lint)
CARGO_ROOT=${CARGO_ROOT:-$HOME/.cargo}
BIN="$CARGO_ROOT/bin"
export PATH="$BIN:$ROOT/node_modules/.bin:$PATH"

step() { echo "==> $*"; }

# wasm-bindgen-cli must equal the wasm-bindgen library version the lock file resolves.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
[[ -n "$WASM_BINDGEN_VERSION" ]] || { echo "wasm-bindgen not found in Cargo.lock" >&2; exit 1; }

step "rust components: wasm32-unknown-unknown, rustfmt, clippy"
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt
rustup component list --installed | grep -q '^clippy' || rustup component add clippy

if [[ "${SKIP_APT:-0}" != 1 ]]; then
  # postgresql: the server the tests run the whole server suite on a second time
  # (scripts/pg-cluster.sh starts a throwaway cluster; the package's own is not used).
  step "Debian packages: chromium chromium-driver brotli postgresql"
  if ! dpkg -s chromium chromium-driver brotli postgresql >/dev/null 2>&1; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium chromium-driver brotli postgresql
  fi
fi

step "trunk $TRUNK_VERSION"
if ! "$BIN/trunk" --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
  cargo install trunk --version "$TRUNK_VERSION" --locked --root "$CARGO_ROOT"
fi

step "leptosfmt $LEPTOSFMT_VERSION"
if ! "$BIN/leptosfmt" --version 2>/dev/null | grep -qx "leptosfmt $LEPTOSFMT_VERSION"; then
  cargo install leptosfmt --version "$LEPTOSFMT_VERSION" --locked --root "$CARGO_ROOT"
fi

step "wasm-bindgen-cli $WASM_BINDGEN_VERSION (with wasm-bindgen-test-runner)"
if ! "$BIN/wasm-bindgen" --version 2>/dev/null | grep -qx "wasm-bindgen $WASM_BINDGEN_VERSION" \
   || ! [[ -x "$BIN/wasm-bindgen-test-runner" ]]; then
  log=$(mktemp)
  if ! cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --locked --force --root "$CARGO_ROOT" 2>&1 | tee "$log"; then
    # Its published lock file pins crates this registry lacks (webpki-roots 1.0.11):
    # re-lock just those and install from the unpacked source.
    crate=$(ls "$HOME"/.cargo/registry/cache/*/wasm-bindgen-cli-"$WASM_BINDGEN_VERSION".crate | head -1)
    src=$(mktemp -d)
    tar xzf "$crate" -C "$src"
    pushd "$src/wasm-bindgen-cli-$WASM_BINDGEN_VERSION" >/dev/null
    for _ in 1 2 3 4 5; do
      bad=$(grep -o 'failed to select a version for the requirement `[A-Za-z0-9_-]*' "$log" | sed 's/.*`//' | sort -u)
      [[ -z "$bad" ]] && break
      for p in $bad; do echo "    re-locking $p"; cargo update -p "$p"; done
      if cargo install --path . --locked --force --root "$CARGO_ROOT" 2>&1 | tee "$log"; then break; fi
    done
    popd >/dev/null
    rm -rf "$src"
  fi
  rm -f "$log"
  "$BIN/wasm-bindgen" --version | grep -qx "wasm-bindgen $WASM_BINDGEN_VERSION"
fi

step "atrium-wasm-split (tools/wasm-split: splits the release client by route)"
split_sum=$(cat tools/wasm-split/Cargo.toml tools/wasm-split/Cargo.lock $(find tools/wasm-split/src -type f | sort) | sha256sum | cut -d' ' -f1)
if ! [[ -x "$BIN/atrium-wasm-split" && "$(cat "$BIN/.atrium-wasm-split.sum" 2>/dev/null)" == "$split_sum" ]]; then
  cargo install --path tools/wasm-split --features build-binary --locked --force --root "$CARGO_ROOT" --target-dir target/tools
  echo "$split_sum" > "$BIN/.atrium-wasm-split.sum"
fi

step "npm packages (wasm-opt from binaryen, playwright-core, axe-core, Redocly CLI, openapi-typescript + openapi-fetch)"
# Compared by content, not file times: a fresh checkout of the same lock must not wipe
# and reinstall node_modules (it may be shared with another checkout).
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if ! [[ -x node_modules/.bin/wasm-opt && "$(cat node_modules/.atrium-lock-sum 2>/dev/null)" == "$lock_sum" ]]; then
  npm ci --no-audit --no-fund
  echo "$lock_sum" > node_modules/.atrium-lock-sum
fi
# Debian's binaryen corrupts the wasm: ours must be the one found first.
[[ "$(command -v wasm-opt)" == "$ROOT/node_modules/.bin/wasm-opt" ]]

step "schemathesis $SCHEMATHESIS_VERSION (API fuzzing; a Python venv in .tools/venv)"
VENV=.tools/venv
if ! [[ -x $VENV/bin/st ]] ||
   [[ "$("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("schemathesis"))' 2>/dev/null)" != "$SCHEMATHESIS_VERSION" ]]; then
  if ! python3 -m venv "$VENV"; then
    # Debian's own python3 keeps venv (ensurepip) in a separate package.
    [[ "${SKIP_APT:-0}" != 1 ]] || { echo "python3 -m venv failed: install python3-venv" >&2; exit 1; }
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3-venv
    rm -rf "$VENV"
    python3 -m venv "$VENV"
  fi
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi

step "cargo fetch (trunk builds offline)"
cargo fetch --locked >/dev/null

echo "setup: ok"
