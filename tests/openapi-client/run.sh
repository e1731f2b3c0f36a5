#!/usr/bin/env bash
# The OpenAPI document as other tools read it: the debug server's /api/v1/openapi.json
# linted by Redocly CLI (recommended rules, redocly.yaml), a TypeScript client generated
# from it by openapi-typescript and type-checked, then run against the server.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
SERVER=${SERVER:-target/debug/atrium-server}
BIN=$ROOT/node_modules/.bin
OUT=$ROOT/target/openapi-client
[[ -x $SERVER ]] || { echo "build the server first (make test-rust)" >&2; exit 1; }
[[ -x $BIN/redocly && -x $BIN/openapi-typescript && -x $BIN/tsc ]] || { echo "run scripts/setup.sh (npm packages)" >&2; exit 1; }

# shellcheck source=../lib/demo-server.sh
source tests/lib/demo-server.sh
start_server "$WORK/atrium.db"

mkdir -p "$OUT"
curl -sf "$BASE/api/v1/openapi.json" -o "$OUT/openapi.json"
echo "--- Redocly lint (recommended)"
REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true "$BIN/redocly" lint --config redocly.yaml "$OUT/openapi.json"
echo "--- openapi-typescript + tsc"
"$BIN/openapi-typescript" "$OUT/openapi.json" -o "$OUT/schema.d.ts"
"$BIN/tsc" --noEmit --allowJs --checkJs --strict --target es2022 --module esnext --moduleResolution bundler \
  --lib es2022,dom --skipLibCheck tests/openapi-client/client.mjs
echo "--- the generated client against the server"
ATRIUM_URL=$BASE node --test tests/openapi-client/
