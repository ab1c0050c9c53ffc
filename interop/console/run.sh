#!/usr/bin/env bash
# The web console in a real browser: headless Chromium (Debian package `chromium`) driven by puppeteer-core (npm),
# against the server jar built by `mvn -B verify` (this script builds nothing). Screenshots of every page go to
# interop/console/out/.
# Usage: interop/console/run.sh   (from anywhere; exits non-zero on failure)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=../js-sdk/lib/server.sh
. "$root/interop/js-sdk/lib/server.sh"
sb_require_jar
export CHROMIUM="${CHROMIUM:-$(command -v chromium || true)}"
[ -n "$CHROMIUM" ] || { echo "run.sh: chromium not found (apt-get install chromium)" >&2; exit 2; }

port="$(sb_free_port tcp)"
data="$(mktemp -d)"
log="$data/server.log"
key="c3dpdGNoYm9hcmQtY29uc29sZS1icm93c2VyLWtleTE="
sb_server_pid=""

stop() {
  sb_stop_pid "$sb_server_pid"
  rm -rf "$data"
}
trap stop EXIT

sb_start_server "$log" SWITCHBOARD_HTTP_PORT="$port" SWITCHBOARD_HTTP_HOST=127.0.0.1 SWITCHBOARD_SIP_ENABLED=false \
  SWITCHBOARD_DATA_DIR="$data" SWITCHBOARD_ACCESS_KEY="$key" SWITCHBOARD_WEBHOOK_RETRY_SECONDS=1
sb_wait_http "$port" "$log"

cd "$here"
[ -d node_modules ] || npm ci --no-audit --no-fund
rm -rf out
status=0
SWITCHBOARD_ENDPOINT="http://127.0.0.1:$port" SWITCHBOARD_ACCESS_KEY="$key" npm test || status=$?
if [ "$status" -ne 0 ]; then
  echo "run.sh: the console suite failed; last server log lines:" >&2
  tail -n 60 "$log" >&2
fi
echo "run.sh: screenshots in $here/out/"
exit "$status"
