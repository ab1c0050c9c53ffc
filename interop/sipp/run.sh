#!/usr/bin/env bash
# SIPp interop suite: SippInteropTest (adapter-sip) drives SipTelephony, SippOriginApiInteropTest and
# SippConferenceInteropTest (app-vertx) drive the whole server through the origin API, all against SIPp processes
# running the scenarios of this folder (uas_answer_dtmf, uas_answer, uas_busy, uas_ring_no_answer, uas_silent,
# uas_answer_refer, uas_answer_hold). All are JUnit tag "interop", off unless -Dinterop=true.
#
# Installs nothing. Needs: sipp (Debian package sip-tester), root or CAP_NET_RAW for play_pcap_audio, and Maven's
# local repository filled by an earlier build (it runs offline). Runs inside a private network namespace (unshare -n, loopback up) when the
# machine allows it, so that nothing else on the host can collide with the ports or see the traffic.
#
# Usage: interop/sipp/run.sh            exit code 0 when every scenario gave the expected events
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if ! command -v sipp >/dev/null 2>&1; then
    echo "interop/sipp/run.sh: sipp not found (expected: apt-get install -y sip-tester)" >&2
    exit 2
fi
if command -v python3 >/dev/null 2>&1; then
    python3 "$here/make_dtmf_pcap.py" "$here/dtmf_pcmu.pcap" >/dev/null
    # what the callee of SippRecordingInteropTest says (uas_answer_tone.xml): 30 s of a 1 kHz tone
    python3 "$root/bench/sip/make_tone_pcap.py" "$here/tone_1khz_pcmu.pcap" 30 >/dev/null
fi

# -am builds what the two modules need in this reactor, so nothing has to be installed first; only the interop
# test classes run (the rest ran in `mvn -B verify`).
mvn_cmd=(mvn -B -o -q -f "$root/pom.xml" -pl adapter-sip,app-vertx -am package
         -Dinterop=true "-Dtest=SippInteropTest,SippOriginApiInteropTest,SippConferenceInteropTest,SippRecordingInteropTest,SippSpeechInteropTest,SippStreamingInteropTest,SippHoldInteropTest"
         -Dsurefire.failIfNoSpecifiedTests=false "-Dsipp.dir=$here")
# shellcheck source=../lib/private-network.sh
. "$root/interop/lib/private-network.sh"
run_in_private_network interop/sipp/run.sh "${mvn_cmd[@]}"
