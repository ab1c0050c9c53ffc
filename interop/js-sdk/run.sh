#!/usr/bin/env bash
# Runs the JS SDK conformance suite against the server jar built by `mvn -B verify` (this script builds nothing),
# over http, then over https with the server's self-signed certificate.
# Usage: interop/js-sdk/run.sh   (from anywhere; exits non-zero on failure)
# run-sipp.sh runs the SIPp mode (the SIP trunk is a SIPp process) of the suite.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=lib/server.sh
. "$here/lib/server.sh"
sb_require_jar

port="$(sb_free_port tcp)"
data="$(mktemp -d)"
log="$data/server.log"
key="c3dpdGNoYm9hcmQtanMtc2RrLWNvbmZvcm1hbmNlLWtleQ=="
sb_server_pid=""

stop() {
  sb_stop_pid "$sb_server_pid"
  rm -rf "$data"
}
trap stop EXIT

sb_start_server "$log" SWITCHBOARD_HTTP_PORT="$port" SWITCHBOARD_HTTP_HOST=127.0.0.1 SWITCHBOARD_SIP_ENABLED=false \
  SWITCHBOARD_DATA_DIR="$data" SWITCHBOARD_ACCESS_KEY="$key"
sb_wait_http "$port" "$log"

cd "$here"
[ -d node_modules ] || npm ci --no-audit --no-fund
status=0
SWITCHBOARD_ENDPOINT="http://127.0.0.1:$port" SWITCHBOARD_ACCESS_KEY="$key" npm test || status=$?
if [ "$status" -ne 0 ]; then
  echo "run.sh: the suite failed over http; last server log lines:" >&2
  tail -n 60 "$log" >&2
  exit "$status"
fi

# Again over https, with the self-signed certificate the server makes, the SDK client built as the published samples
# build it (no allowInsecureConnection): Node trusts the certificate through NODE_EXTRA_CA_CERTS.
sb_stop_pid "$sb_server_pid"
port="$(sb_free_port tcp)"
log="$data/server-tls.log"
sb_start_server "$log" SWITCHBOARD_HTTP_PORT="$port" SWITCHBOARD_HTTP_HOST=127.0.0.1 SWITCHBOARD_SIP_ENABLED=false \
  SWITCHBOARD_DATA_DIR="$data" SWITCHBOARD_ACCESS_KEY="$key" SWITCHBOARD_TLS=self-signed
sb_wait_http "$port" "$log"
NODE_EXTRA_CA_CERTS="$data/tls/switchboard.pem" SWITCHBOARD_ENDPOINT="https://127.0.0.1:$port" \
  SWITCHBOARD_ACCESS_KEY="$key" npm test || status=$?
if [ "$status" -ne 0 ]; then
  echo "run.sh: the suite failed over https; last server log lines:" >&2
  tail -n 60 "$log" >&2
fi
exit "$status"
