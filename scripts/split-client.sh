#!/usr/bin/env bash
# Replaces the single wasm Trunk built in DIST_DIR ($1) with the route-split client:
# the `split` build (every page a lazy route, src/app.rs) cut by atrium-wasm-split into a
# main module and one module per page plus shared chunks, each through wasm-bindgen and
# wasm-opt, then placed under content-hashed names (scripts/place-split-client.mjs).
# The cut is cached by the input wasm's hash: a second dist of the same code (the sub-path
# build in `make test`) only places it again.
set -euo pipefail
cd "$(dirname "$0")/.."
dist=${1:?usage: $0 DIST_DIR}
target="${CARGO_TARGET_DIR:-target}"

# --emit-relocs: the splitter follows relocations to know which code each page reaches.
cargo rustc --release --target wasm32-unknown-unknown --bin atrium --features lazy-locales,split \
  -- -Clink-args=--emit-relocs
wasm="$target/wasm32-unknown-unknown/release/atrium.wasm"
cache="$target/atrium-split/$(sha256sum "$wasm" | cut -c1-16)"
if [[ ! -f "$cache/done" ]]; then
  rm -rf "$cache" && mkdir -p "$cache"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  atrium-wasm-split --target web --out-name atrium "$wasm" "$work"
  # Names stay mangled and lld's exports stay: the split modules link against them.
  wasm-bindgen --target web --no-typescript --keep-lld-exports --no-demangle \
    --out-dir "$cache" --out-name atrium "$work/atrium.wasm"
  cp "$work/__wasm_split.js" "$cache/"
  find "$work" -maxdepth 1 \( -name 'split_*.wasm' -o -name 'chunk_*.wasm' \) -exec cp {} "$cache/" \;
  # -Oz as Trunk runs it on the unsplit build; two at a time (two cores).
  # (wasm-opt warns about the name subsections the splitter leaves; only a failure is shown.)
  find "$cache" -name '*.wasm' -print0 | xargs -0 -P 2 -n 1 sh -c \
    'wasm-opt -Oz --output "$1.opt" "$1" 2>"$1.log" || { cat "$1.log" >&2; exit 1; }; mv "$1.opt" "$1"; rm "$1.log"' _
  touch "$cache/done"
fi
node scripts/place-split-client.mjs "$cache" "$dist"
