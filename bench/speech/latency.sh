#!/usr/bin/env bash
# Speech recognition latency benchmark (not a test), over real SIP and RTP: SIPp answers CALLS calls at once and each
# callee says "technical support" (synthesized, sent as PCMU by play_pcap_audio: needs root or CAP_NET_RAW) while the
# call recognizes a 3-choice menu. Prints end of speech -> RecognizeCompleted p50/p99, how many were right, and CPU.
# Runs in a private network namespace when allowed. Needs sipp (apt-get install -y sip-tester).
# Usage: bench/speech/latency.sh [calls=50] [calls created per second=5]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
mvn -B -o -q -pl app-vertx -am test-compile -DskipTests
deps="$(mktemp)"
trap 'rm -f "$deps"' EXIT
(cd app-vertx && mvn -B -o -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$deps" >/dev/null)
cp="app-vertx/target/test-classes:app-vertx/target/classes:$(cat "$deps")"
cmd=(java -Xmx2g -Dsipp.dir="$root/interop/sipp" -cp "$cp" io.switchboard.app.SpeechLatencyBenchmark "$@")
if unshare -n true 2>/dev/null; then
    unshare -n bash -c "ip link set lo up && $(printf '%q ' "${cmd[@]}")"
else
    "${cmd[@]}"
fi
