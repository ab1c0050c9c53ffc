#!/usr/bin/env bash
# Runs the JS SDK conformance suite against the server jar built by `mvn -B verify` (this script builds nothing).
# Usage: interop/js-sdk/run.sh   (from anywhere; exits non-zero on failure)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="$root/app-vertx/target/switchboard.jar"
[ -f "$jar" ] || { echo "run.sh: $jar not found (build with: mvn -B verify)" >&2; exit 2; }

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
data="$(mktemp -d)"
log="$data/server.log"
key="c3dpdGNoYm9hcmQtanMtc2RrLWNvbmZvcm1hbmNlLWtleQ=="
server=""

stop() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill "$server" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$server" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$server" 2>/dev/null || true
  fi
  rm -rf "$data"
}
trap stop EXIT

SWITCHBOARD_HTTP_PORT="$port" SWITCHBOARD_HTTP_HOST=127.0.0.1 SWITCHBOARD_SIP_ENABLED=false \
  SWITCHBOARD_DATA_DIR="$data" SWITCHBOARD_ACCESS_KEY="$key" \
  java -jar "$jar" >"$log" 2>&1 &
server=$!

for _ in $(seq 1 150); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  kill -0 "$server" 2>/dev/null || { echo "run.sh: the server stopped:" >&2; cat "$log" >&2; exit 1; }
  sleep 0.2
done

cd "$here"
[ -d node_modules ] || npm ci --no-audit --no-fund
status=0
SWITCHBOARD_ENDPOINT="http://127.0.0.1:$port" SWITCHBOARD_ACCESS_KEY="$key" npm test || status=$?
if [ "$status" -ne 0 ]; then
  echo "run.sh: the suite failed; last server log lines:" >&2
  tail -n 60 "$log" >&2
fi
exit "$status"
