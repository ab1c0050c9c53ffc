#!/usr/bin/env bash
# Speech synthesis benchmark (not a test): the embedded engine (FreeTTS) saying 10-word sentences it has not said
# before, then again from its cache. Prints p50/p99 synthesis time and how much faster than real time it speaks.
# Usage: bench/speech/run.sh [sentences=200] [warmup=20]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
mvn -B -o -q -pl adapter-speech -am test-compile
cp="adapter-speech/target/classes:adapter-speech/target/test-classes:call-ports/target/classes:call-domain/target/classes"
cp="$cp:$(ls "$HOME"/.m2/repository/net/sf/sociaal/freetts/1.2.2/freetts-1.2.2.jar)"
exec java -Xms128m -Xmx256m -cp "$cp" io.switchboard.adapter.speech.SpeechBenchmark "$@"
