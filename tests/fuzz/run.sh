#!/usr/bin/env bash
# API fuzzing: Schemathesis against the real debug server's /api/v1/openapi.json, signed in.
# Checks: no 5xx, every answer matches its documented schema and content type, and no
# status code the OpenAPI document does not list. Runs once per identity (the agency
# owner and a client org's admin), each on a fresh demo database.
#
# Knobs: SERVER (default target/debug/atrium-server), FUZZ_EXAMPLES (default 25 per
# operation), FUZZ_SEED (default 20261128), FUZZ_WORKERS (default 2), FUZZ_REPORT_DIR
# (keep a HAR of every request and answer there, one file per identity).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
SERVER=${SERVER:-target/debug/atrium-server}
ST=$ROOT/.tools/venv/bin/st
PY=$ROOT/.tools/venv/bin/python
EXAMPLES=${FUZZ_EXAMPLES:-25}
SEED=${FUZZ_SEED:-20261128}
WORKERS=${FUZZ_WORKERS:-2}
[[ -x $SERVER ]] || { echo "build the server first (make test-rust)" >&2; exit 1; }
[[ -x $ST ]] || { echo "Schemathesis is missing: run scripts/setup.sh" >&2; exit 1; }

# shellcheck source=../lib/demo-server.sh
source tests/lib/demo-server.sh

# One Schemathesis run against the server of `fuzz_as`: st_pass EMAIL LABEL FILTERS...
st_pass() {
  local email=$1 label=$2 report=()
  shift 2
  echo "--- $email: $label"
  [[ -n ${FUZZ_REPORT_DIR:-} ]] && mkdir -p "$FUZZ_REPORT_DIR" &&
    report=(--report har --report-har-path "$(realpath "$FUZZ_REPORT_DIR")/$email-$label.har")
  # Left out, each for a reason:
  # - POST /auth/logout and POST /orgs/{org}/users/{id}/impersonate end the signed-in
  #   session (impersonation replaces it), so every later request would only test 401;
  #   so do POST /auth/sign-out-everywhere (every session of the user) and POST
  #   /me/password (a random current password counts as a failed sign-in until the
  #   throttle answers 429). crates/server/tests/server/hardening.rs and the authorization matrix cover them.
  # - GET /orgs/{org}/events is a Server-Sent Events stream that never ends; its
  #   authorization is covered by crates/server/tests/server/{authz_matrix,events}.rs.
  (cd "$WORK" && "$ST" --config-file "$WORK/st.toml" run "$BASE/api/v1/openapi.json" \
    --checks not_a_server_error,status_code_conformance,response_schema_conformance,content_type_conformance \
    --max-examples "$EXAMPLES" --seed "$SEED" --workers "$WORKERS" \
    --exclude-path /api/v1/auth/logout \
    --exclude-path /api/v1/auth/sign-out-everywhere \
    --exclude-path /api/v1/me/password \
    --exclude-path '/api/v1/orgs/{org}/users/{id}/impersonate' \
    --exclude-path '/api/v1/orgs/{org}/events' \
    --request-timeout 10 --no-color --warnings off "${report[@]}" "$@")
}

fuzz_as() {
  local email=$1
  echo "==> fuzzing /api/v1 as $email ($EXAMPLES examples per operation, seed $SEED)"
  start_server "$WORK/$email.db"
  "$PY" tests/fuzz/prepare.py "$BASE" "$email" atrium-demo "$WORK/st.toml"
  local status=0
  # Deletes run after the rest, and deleting an org last: run alongside the others they
  # remove the orgs, users and teams that the dictionaries name, leaving only 404s to test.
  st_pass "$email" changes --exclude-method DELETE || status=$?
  st_pass "$email" deletes --include-method DELETE --exclude-path '/api/v1/orgs/{org}' || status=$?
  st_pass "$email" org-deletes --include-method DELETE --include-path '/api/v1/orgs/{org}' || status=$?
  if grep -q 'panicked' "$WORK/server.log"; then
    grep -B2 -A5 'panicked' "$WORK/server.log" >&2
    status=1
  fi
  stop_server
  return $status
}

failed=0
fuzz_as owner@northwind.test || failed=1
fuzz_as admin@acme.test || failed=1
if [[ $failed != 0 ]]; then
  echo "fuzz: FAILED (see above; FUZZ_REPORT_DIR=dir keeps every request and answer)" >&2
  exit 1
fi
echo "fuzz: ok"
