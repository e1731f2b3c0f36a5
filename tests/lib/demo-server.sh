# Sourced by the test scripts that drive the real debug server over HTTP
# (tests/fuzz/run.sh, tests/openapi-client/run.sh): a work directory removed on exit, and
# `start_server DB` / `stop_server` for a demo server on a free port, its URL in $BASE.
# Needs $SERVER.
WORK=$(mktemp -d)
SERVER_PID=
cleanup() {
  [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

start_server() {
  local db=$1
  "$SERVER" --port 0 --database-url "sqlite://$db" --seed-demo >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 100); do
    BASE=$(grep -o 'http://[0-9.:]*' "$WORK/server.log" | head -1 || true)
    [[ -n $BASE ]] && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  cat "$WORK/server.log" >&2
  echo "the server did not start" >&2
  exit 1
}

stop_server() {
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
}
