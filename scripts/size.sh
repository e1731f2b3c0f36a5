#!/usr/bin/env bash
# Prints raw, gzip and brotli bytes of every wasm/js/css file in dist/, the total, and the
# shell every visitor downloads first.
set -euo pipefail
cd "$(dirname "$0")/.."
shopt -s nullglob
files=(dist/*.wasm dist/*.js dist/*.css)
if ((${#files[@]} == 0)); then
  echo "dist/ has no wasm/js/css: run 'make dist' first" >&2
  exit 1
fi
printf '%-44s %10s %10s %10s\n' file raw gzip brotli
total_raw=0 total_gz=0 total_br=0 shell_br=0
for f in "${files[@]}"; do
  raw=$(stat -c %s "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  br=$(brotli -q 11 -c "$f" | wc -c)
  printf '%-44s %10d %10d %10d\n' "${f#dist/}" "$raw" "$gz" "$br"
  total_raw=$((total_raw + raw)) total_gz=$((total_gz + gz)) total_br=$((total_br + br))
  # What every visitor downloads before the first page: the main module, its JS, the split
  # loader and the CSS (a page's own code comes after; `make bench` measures whole pages).
  case "${f#dist/}" in atrium-*|split-*|*.css) shell_br=$((shell_br + br)) ;; esac
done
printf '%-44s %10d %10d %10d\n' total "$total_raw" "$total_gz" "$total_br"
printf '%-44s %10s %10s %10d\n' "shell (main wasm + js + css)" "" "" "$shell_br"
