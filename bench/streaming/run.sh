#!/usr/bin/env bash
# Media streaming benchmark (not a test): the server jar places N + B calls over SIP to a SIPp UAS through the GA API,
# each with mediaStreamingOptions (unmixed, 16 kHz, started on connect) to a WebSocket agent on 127.0.0.1
# (StreamDriver.java); the last B are bidirectional: their agent talks back (a 20 ms frame of a 1 kHz burst
# once a second) and their callees' RTP ports echo what they hear, so each burst also comes back as the
# callee's audio. For a window of D seconds it measures the frames each stream gets, the RTP sent to every callee
# (RtpSink of bench/sip for the first N, StreamDriver for the B), the latency app frame -> RTP out and RTP in ->
# WebSocket frame out, and the server's CPU per streamed call-second. Prints one report (also
# bench/streaming/out/report-<timestamp>.txt).
#
# Usage: bench/streaming/run.sh [N streaming out=500] [B bidirectional=100] [D seconds=30] [R creates/s=50]
# Needs: sipp (apt-get install -y sip-tester), Java 17, app-vertx/target/switchboard.jar (built when missing).
# All traffic stays on 127.0.0.1, in a private network namespace (unshare -n) when allowed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
args=("$@")
calls=${1:-500}
bidirectional=${2:-100}
seconds=${3:-30}
rate=${4:-50}
for v in "$calls" "$bidirectional" "$seconds" "$rate"; do
    [[ $v =~ ^[0-9]+$ && $v -gt 0 ]] || { echo "usage: ${0##*/} [N=500] [B=100] [D=30] [R=50]" >&2; exit 2; }
done
legs=$((calls + bidirectional))
(( legs <= 2500 )) || { echo "${0##*/}: at most 2500 calls (SIPp's auto_media_port wraps)" >&2; exit 2; }

if [[ -z ${BENCH_IN_NETNS:-} && -z ${BENCH_NO_UNSHARE:-} ]] && unshare -n true 2>/dev/null; then
    exec unshare -n env BENCH_IN_NETNS=1 bash -c 'ip link set lo up && exec "$0" "$@"' "$0" "${args[@]}"
fi
command -v sipp >/dev/null || { echo "${0##*/}: sipp not found (apt-get install -y sip-tester)" >&2; exit 2; }

jar="$root/app-vertx/target/switchboard.jar"
if [[ ! -f $jar || -n ${BENCH_BUILD:-} ]]; then
    (cd "$root" && mvn -B -o -q package -DskipTests)
fi
sip_port=5070; uas_port=5080; rtp_min=10000; rtp_max=$((rtp_min + 2 * legs + 199)); media_base=16000
http_port=27080; agent_port=27092; callback_port=27090; sink_port=27091
budget=$((legs / rate + seconds + 180))

out="$here/out"
mkdir -p "$out"
stamp=$(date +%Y%m%d-%H%M%S)
report="$out/report-$stamp.txt"
data=$(mktemp -d "$out/data-$stamp.XXXX")
pids=()
cleanup() {
    local i
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill -TERM "${pids[i]}" 2>/dev/null || true; done
    sleep 1
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill -KILL "${pids[i]}" 2>/dev/null || true; done
    rm -rf "$data"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
key=$(head -c 32 /dev/urandom | base64 -w0)
while read -r name; do unset "$name"; done < <(compgen -e | grep '^SWITCHBOARD_' || true)

cp "$jar" "$data/switchboard.jar" # a private copy: the jar may be rebuilt in place meanwhile
head=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')
source "$root/scripts/java-collector.sh" # the collector ./switchboard chooses, unless BENCH_JAVA_OPTS names one
# shellcheck disable=SC2086 # a list of options
collector=$(switchboard_collector ${BENCH_JAVA_OPTS:-})
SWITCHBOARD_HTTP_HOST=127.0.0.1 SWITCHBOARD_HTTP_PORT=$http_port SWITCHBOARD_ACCESS_KEY=$key \
SWITCHBOARD_DATA_DIR=$data SWITCHBOARD_SIP_ENABLED=true SWITCHBOARD_SIP_HOST=127.0.0.1 \
SWITCHBOARD_SIP_PORT=$sip_port SWITCHBOARD_SIP_TRUNK=sip:127.0.0.1:$uas_port \
SWITCHBOARD_RTP_PORTS=$rtp_min-$rtp_max SWITCHBOARD_MEDIA_TIMEOUT_SECONDS=3600 \
    java -Xms512m -Xmx2g $collector ${BENCH_JAVA_OPTS:-} -jar "$data/switchboard.jar" >"$out/server-$stamp.log" 2>&1 &
server_pid=$!
pids+=("$server_pid")
# RtpSink measures the first N callees (ports 16000 + 4k, k = 1..N); StreamDriver binds and echoes the last B
java -Xmx256m "$root/bench/sip/RtpSink.java" 127.0.0.1 "$media_base" 4 "$calls" "$sink_port" 2 "$budget" \
    >"$out/sink-$stamp.log" 2>&1 &
pids+=("$!")
sipp -sf "$root/bench/sip/uas_answer_wait_bye.xml" -i 127.0.0.1 -p "$uas_port" -mi 127.0.0.1 -mp "$media_base" \
    -m "$legs" -l "$legs" -aa -timeout "${budget}s" -nostdin >/dev/null 2>"$out/sipp-$stamp.log" &
pids+=("$!")
deadline=$((SECONDS + 90))
until (exec 3<>"/dev/tcp/127.0.0.1/$http_port") 2>/dev/null && grep -q '^RtpSink:' "$out/sink-$stamp.log"; do
    (( SECONDS < deadline )) || { echo "server or sink not ready after 90 s" >&2; tail -5 "$out"/*-"$stamp".log >&2; exit 1; }
    sleep 0.2
done
echo "server pid $server_pid (HEAD $head); $legs calls at $rate/s; window $seconds s"
BENCH_ACCESS_KEY=$key timeout "$budget" java -Xmx1g -cp "$data/switchboard.jar" "$here/StreamDriver.java" \
    --api "http://127.0.0.1:$http_port" --calls "$calls" --bidirectional "$bidirectional" --rate "$rate" \
    --seconds "$seconds" --agent-port "$agent_port" --callback-port "$callback_port" --sink-port "$sink_port" \
    --echo-base "$media_base" --echo-step 4 --server-pid "$server_pid" --clk-tck "$(getconf CLK_TCK)" \
    --report "$report" --label "$stamp HEAD $head"
rc=$?
problems=$(grep -cE ' (WARNING|SEVERE|ERROR) |Exception' "$out/server-$stamp.log" || true)
echo "server log     $problems warning/error lines in ${out#"$root"/}/server-$stamp.log" | tee -a "$report"
exit "$rc"
