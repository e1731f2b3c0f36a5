#!/usr/bin/env bash
# What `make bench` needs beyond `scripts/setup.sh` (which brings Chromium and brotli):
# the bench's npm packages (Lighthouse, autocannon, playwright-core) and the react-admin
# comparison app, built with Vite and precompressed exactly as scripts/build-client.sh does
# for Atrium, so the same server serves both the same way. Idempotent; `make test` never
# runs it, so tests do not pay for Lighthouse or react-admin.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { echo "==> $*"; }

npm_ci() {
  # Reinstall only when the lock file changed since the last install.
  if ! [[ -d "$1/node_modules" && "$1/node_modules/.package-lock.json" -nt "$1/package-lock.json" ]]; then
    (cd "$1" && npm ci --no-audit --no-fund)
  fi
}

step "bench npm packages (lighthouse, autocannon, playwright-core)"
npm_ci bench

step "react-admin comparison app (npm packages, vite build, precompress)"
npm_ci bench/react-admin
(cd bench/react-admin && npx --no-install vite build --logLevel warn)
find bench/react-admin/dist -type f \( -name '*.js' -o -name '*.css' -o -name '*.html' -o -name '*.svg' \) -print0 |
  while IFS= read -r -d '' f; do
    brotli -f -q 11 -o "$f.br" "$f"
    gzip -f -k -9 "$f"
  done
echo "setup-bench: ok"
