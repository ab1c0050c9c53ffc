#!/usr/bin/env bash
# Journal benchmark (not a test): the webhook publisher over the SQLite journal and a receiver on 127.0.0.1, in one
# JVM (JournalDriver.java). Prints the sustained rate and publish -> receiver latency (p50/p99/max) at R events/s
# for D seconds over C calls, then the heap with P events pending on disk while the receiver is down. Also written
# to bench/journal/out/report-<timestamp>.txt.
#
# Usage: bench/journal/run.sh [R events/s=5000] [D seconds=20] [C calls=1000] [P pending=1000000] [SYNC=normal]
#   SYNC: normal (each commit handed to the OS, the default), full (also fsynced) or memory (the in-memory
#   outbox, for comparison)
# Needs: Java 17, app-vertx/target/switchboard.jar (built when missing).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
rate=${1:-5000}
seconds=${2:-20}
calls=${3:-1000}
pending=${4:-1000000}
sync=${5:-normal}
for v in "$rate" "$seconds" "$calls"; do
    [[ $v =~ ^[0-9]+$ && $v -gt 0 ]] || { echo "usage: ${0##*/} [R=5000] [D=20] [C=1000] [P=1000000] [SYNC]" >&2; exit 2; }
done
[[ $pending =~ ^[0-9]+$ ]] || { echo "${0##*/}: P must be a number" >&2; exit 2; }
[[ $sync =~ ^(full|normal|memory)$ ]] || { echo "${0##*/}: SYNC is full, normal or memory" >&2; exit 2; }

jar="$root/app-vertx/target/switchboard.jar"
if [[ ! -f $jar || -n ${BENCH_BUILD:-} ]]; then
    (cd "$root" && mvn -B -o -q package -DskipTests)
fi
out="$here/out"
mkdir -p "$out"
stamp=$(date +%Y%m%d-%H%M%S)
data=$(mktemp -d "$out/data-$stamp.XXXX")
trap 'rm -rf "$data"' EXIT
{
    echo "journal benchmark $stamp on $(nproc) cores, $(java -version 2>&1 | head -1)"
    java -Xmx1g -cp "$jar" "$here/JournalDriver.java" "$data" "$rate" "$seconds" "$calls" "$pending" "$sync" \
        2> >(grep -v "^WARNING\|^[A-Z][a-z][a-z] [0-9]" >&2)
} | tee "$out/report-$stamp.txt"
