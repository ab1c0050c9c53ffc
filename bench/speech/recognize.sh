#!/usr/bin/env bash
# Speech recognition benchmark (not a test): the embedded recognizer (Sphinx4) on a 6-choice menu said by the
# embedded voice (3 rates x 3 pitches x 2 line levels, line noise, G.711 mu-law): accuracy, decoding time per
# utterance, then CALLERS callers answering every 3-6 s for SECONDS: latency with queueing, answers per second, CPU.
# Usage: bench/speech/recognize.sh [callers=50] [seconds=30]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
mvn -B -o -q -pl adapter-speech -am test-compile
cp="adapter-speech/target/classes:adapter-speech/target/test-classes:call-ports/target/classes:call-domain/target/classes"
m2="$HOME/.m2/repository"
cp="$cp:$m2/net/sf/sociaal/freetts/1.2.2/freetts-1.2.2.jar"
cp="$cp:$m2/net/sf/phat/sphinx4-core/5prealpha/sphinx4-core-5prealpha.jar"
cp="$cp:$m2/net/sf/phat/sphinx4-data/5prealpha/sphinx4-data-5prealpha.jar"
exec java ${BENCH_JAVA_OPTS:-} -Xms256m -Xmx1g -cp "$cp" io.switchboard.adapter.speech.RecognitionBenchmark "$@"
