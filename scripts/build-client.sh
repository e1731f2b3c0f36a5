#!/usr/bin/env bash
# Builds the client into dist/ with Trunk.
#   scripts/build-client.sh release   size-tuned (opt-level z, LTO, wasm-opt -Oz), split by
#                                     route (scripts/split-client.sh; SPLIT=0: one wasm),
#                                     precompressed
#   scripts/build-client.sh debug     fast, for local iteration
# PUBLIC_URL=/some/path/ builds for serving under that base path (default /);
# DIST_DIR=dir builds into dir instead of dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/node_modules/.bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true

mode=${1:-release}
DIST_DIR=${DIST_DIR:-dist}
args=(build --public-url "${PUBLIC_URL:-/}" --dist "$DIST_DIR")
case "$mode" in
  release) args+=(--release) ;;
  debug) ;;
  *) echo "usage: $0 [release|debug]" >&2; exit 2 ;;
esac
trunk "${args[@]}"

# Every language but English: the string tables build.rs wrote beside this build (the
# `lazy-locales` feature index.html asks for), fetched by the client when first shown.
profile=$([[ $mode == release ]] && echo release || echo debug)
tables="${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/$profile/atrium-locales"
if ! compgen -G "$tables/*.json" >/dev/null; then
  echo "no string tables in $tables: was the client built with the lazy-locales feature?" >&2
  exit 1
fi
rm -rf "$DIST_DIR/i18n"
mkdir -p "$DIST_DIR/i18n"
cp "$tables"/*.json "$DIST_DIR/i18n/"

# The release client split by route (SPLIT=0: one wasm, as Trunk built it).
if [[ $mode == release && ${SPLIT:-1} != 0 ]]; then
  scripts/split-client.sh "$DIST_DIR"
fi

# Brotli and gzip copies beside each file; the server sends them to browsers that
# accept them. config.json is left alone: deployments edit it.
find "$DIST_DIR" -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' -o -name '*.html' -o -path '*/i18n/*.json' \) -print0 |
  while IFS= read -r -d '' f; do
    brotli -f -q 11 -o "$f.br" "$f"
    gzip -f -k -9 "$f"
  done
# The page's security headers for static hosts that read a _headers file.
node scripts/page-headers.mjs "$DIST_DIR" "${PUBLIC_URL:-/}"
echo "client built ($mode) in $DIST_DIR/"
