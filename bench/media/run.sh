#!/usr/bin/env bash
# RTP media engine load benchmark: N sessions looping a clip to in-process UDP receivers on 127.0.0.1.
# Usage: bench/media/run.sh [sessions=1000] [seconds=20] [pacerThreads=2] [receiverThreads=1] [recording=none]
# Prints inter-arrival p50/p99/max, share outside 20+-2 ms, loss, pacer CPU per stream-second, allocation.
# recording=mixed|unmixed records every session into a WAV file (a temporary directory, deleted afterwards) and also
# prints the writer thread's CPU per recorded call-second and the bytes written.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
mvn -B -o -q -pl rtp-media test-compile
version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)"
domain="$HOME/.m2/repository/io/switchboard/call-domain/$version/call-domain-$version.jar"
exec java -Xms256m -Xmx256m -cp "rtp-media/target/classes:rtp-media/target/test-classes:$domain" \
    io.switchboard.rtp.MediaBenchmark "$@"
