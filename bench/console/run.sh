#!/usr/bin/env bash
# Console benchmark (not a test): the server on its sandbox with N live calls placed through the console, then R
# timed reads of the live page (what the live stream pushes to each open page every second). Prints the page size and
# the read latency p50/p99/max. Also written to bench/console/out/report-<timestamp>.txt.
#
# Usage: bench/console/run.sh [N live calls=500] [R reads=200]
# Needs: Java 17, python3, curl, app-vertx/target/switchboard.jar (built when missing).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
calls=${1:-500}
reads=${2:-200}
for v in "$calls" "$reads"; do
    [[ $v =~ ^[0-9]+$ && $v -gt 0 ]] || { echo "usage: ${0##*/} [N=500] [R=200]" >&2; exit 2; }
done
jar="$root/app-vertx/target/switchboard.jar"
if [[ ! -f $jar || -n ${BENCH_BUILD:-} ]]; then
    (cd "$root" && mvn -B -o -q package -DskipTests)
fi
# shellcheck source=../../interop/js-sdk/lib/server.sh
. "$root/interop/js-sdk/lib/server.sh"
sb_jar="$jar"
port="$(sb_free_port tcp)"
data="$(mktemp -d)"
key="YmVuY2gtY29uc29sZS1rZXktbm90LWEtc2VjcmV0LTAx"
sb_server_pid=""
trap 'sb_stop_pid "$sb_server_pid"; rm -rf "$data"' EXIT
sb_start_server "$data/server.log" SWITCHBOARD_HTTP_PORT="$port" SWITCHBOARD_HTTP_HOST=127.0.0.1 \
  SWITCHBOARD_SIP_ENABLED=false SWITCHBOARD_DATA_DIR="$data" SWITCHBOARD_ACCESS_KEY="$key"
sb_wait_http "$port" "$data/server.log"

mkdir -p "$here/out"
report="$here/out/report-$(date +%Y%m%d-%H%M%S).txt"
python3 - "$port" "$key" "$calls" "$reads" <<'PY' | tee "$report"
import http.client, json, sys, time
port, key, calls, reads = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
conn = http.client.HTTPConnection("127.0.0.1", port)
conn.request("POST", "/console/api/session", json.dumps({"accessKey": key}), {"Content-Type": "application/json"})
reply = conn.getresponse(); reply.read()
cookie = reply.getheader("set-cookie").split(";")[0]
def call(method, path, body=None):
    conn.request(method, path, body, {"Cookie": cookie, "Content-Type": "application/json"})
    r = conn.getresponse(); return r.status, r.read()
for _ in range(calls):
    status, _ = call("POST", "/console/api/test-calls", json.dumps({"target": "+15550100001"}))
    assert status == 200, status
deadline = time.time() + 60
while json.loads(call("GET", "/console/api/calls")[1])["figures"]["webhooksPending"] > 0 and time.time() < deadline:
    time.sleep(0.5)
took = []
for _ in range(reads):
    start = time.perf_counter(); status, body = call("GET", "/console/api/calls?page=1")
    took.append((time.perf_counter() - start) * 1000)
took.sort()
page = json.loads(body)
print(f"console: {page['total']} live calls, a page of {len(page['calls'])} is {len(body)} bytes; "
      f"{reads} reads p50 {took[len(took) // 2]:.2f} ms p99 {took[int(len(took) * 0.99) - 1]:.2f} ms "
      f"max {took[-1]:.2f} ms")
PY
