#!/usr/bin/env bash
# Conference mixing load benchmark: M mixes x N members, every member's peer talking (paced RTP from the same UDP
# socket that receives), so every leg is decoded, jitter-buffered, mixed and re-encoded each 20 ms.
# Usage: bench/media/conference.sh [mixes=50] [members=6] [seconds=20] [pacerThreads=2] [receiverThreads=1]
# Prints inter-arrival p50/p99/max, share outside 20+-2 ms, loss, pacer CPU per leg-second, allocation.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
mvn -B -o -q -pl rtp-media test-compile
version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)"
domain="$HOME/.m2/repository/io/switchboard/call-domain/$version/call-domain-$version.jar"
exec java -Xms256m -Xmx256m -cp "rtp-media/target/classes:rtp-media/target/test-classes:$domain" \
    io.switchboard.rtp.ConferenceBenchmark "$@"
