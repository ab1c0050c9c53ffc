#!/usr/bin/env bash
# SIP playback benchmark (not a test): the server jar places N calls over SIP to a SIPp UAS at R setups/s through
# the origin API, plays a looped 10 s prompt on each, holds them D seconds while RtpSink.java measures the RTP the
# server sends, then hangs up. Prints one report (also bench/sip/out/report-<timestamp>.txt).
#
# Usage: bench/sip/run.sh [N calls=1000] [R setups/s=100] [D seconds=30]
#        bench/sip/run.sh --conference [CALLS=50] [PARTICIPANTS=6] [D seconds=30]   (= bench/sip/conference.sh)
#
# Conference mode: CALLS calls, each created to one trunk number (at BENCH_CONF_RATE=10 creates/s) and grown to
# PARTICIPANTS legs by inviting one more number at a time (POST /calls/{id}/participants, the next one once the
# call's ParticipantsUpdated lists all invited so far); at full size the looped prompt is played to the call, i.e.
# into the server's mix, so every leg receives the sum of the other legs and the prompt. SIPp answers with
# uas_conference.xml and TALKS on every leg (play_pcap_audio of out/conference-pcmu.pcap, a 1 kHz PCMU tone in
# 20 ms packets written by make_tone_pcap.py, as long as the run's time budget; needs root or CAP_NET_RAW and
# python3). RtpSink measures all CALLS x PARTICIPANTS legs as in the playback benchmark; the report gives CPU per
# leg-second, heap and RSS per leg, calls and participants ok/failed, against the conference targets (p99
# inter-arrival <= 22 ms, 0 loss). At most 2500 legs. BENCH_CONF_SILENT=1: the legs do not talk (SIPp answers
# with uas_answer_wait_bye.xml, no pcap, no root needed): a control run that tells the cost of the legs' input and
# of SIPp's 300 sender threads apart from the mixing itself.
#
# Needs: sipp (apt-get install -y sip-tester), Java 17 (java, jcmd), app-vertx/target/switchboard.jar (built when
# BENCH_RECORD=mixed|unmixed: every call is also recorded (POST /calling/recordings once its prompt is asked for);
# the report then counts the recordings, and the files written are summed at the end (they are deleted with the run).
# BENCH_PACERS=N: run the server with N RTP pacer threads (SWITCHBOARD_RTP_PACER_THREADS; default half the cores).
# BENCH_JOURNAL=memory: the journal in memory, to compare with the default journal on disk (SWITCHBOARD_JOURNAL).
# BENCH_JOURNAL_SYNC=full|normal: the journal's commits (SWITCHBOARD_JOURNAL_SYNC).
# missing, or when BENCH_BUILD=1, by `mvn -B -o -q package -DskipTests`). All traffic stays on 127.0.0.1; the run
# goes into a private network namespace (unshare -n) when allowed, so its ports cannot collide with other work.
# Port layout (overridable): SIP server 5070, SIPp 5080, server RTP 10000..10000+2N+199, SIPp -mp 16000 (SIPp binds
# 16000 and 16002 itself; call k gets 16000+4k, bound by RtpSink), HTTP 27080, callbacks 27090, sink control 27091.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

args=("$@") # as given, for the re-exec in a network namespace below
if [[ ${1:-} == --conference ]]; then
    shift
    mode=conference
    usage="usage: ${0##*/} --conference [CALLS=50] [PARTICIPANTS=6] [D seconds=30]"
    calls=${1:-50}
    participants=${2:-6}
    seconds=${3:-30}
    rate=${BENCH_CONF_RATE:-10}
else
    mode=playback
    usage="usage: ${0##*/} [N calls=1000] [R setups/s=100] [D seconds=30]"
    calls=${1:-1000}
    rate=${2:-100}
    seconds=${3:-30}
    participants=1
fi
for v in "$calls" "$rate" "$seconds" "$participants"; do
    if [[ ! $v =~ ^[0-9]+$ || $v -eq 0 ]]; then
        echo "$usage" >&2
        exit 2
    fi
done
if [[ $mode == conference ]] && (( participants < 2 || participants > 32 )); then
    echo "${0##*/}: PARTICIPANTS=$participants: 2..32 (MediaMix.MAX_MEMBERS)" >&2
    exit 2
fi
legs=$((calls * participants)) # SIPp calls, RTP streams
if (( legs > 2500 )); then
    # SIPp 3.6: [auto_media_port] = -mp + (4 * (call_number - 1)) % 10000, so ports repeat after 2,500 calls
    echo "${0##*/}: $legs SIPp calls: at most 2500 (SIPp's auto_media_port wraps after 2500)" >&2
    exit 2
fi

if [[ -z ${BENCH_IN_NETNS:-} && -z ${BENCH_NO_UNSHARE:-} ]] && unshare -n true 2>/dev/null; then
    exec unshare -n env BENCH_IN_NETNS=1 bash -c 'ip link set lo up && exec "$0" "$@"' "$0" "${args[@]}"
fi

command -v sipp >/dev/null || { echo "${0##*/}: sipp not found (apt-get install -y sip-tester)" >&2; exit 2; }
command -v jcmd >/dev/null || { echo "${0##*/}: jcmd not found (a full JDK 17 is needed)" >&2; exit 2; }
silent=${BENCH_CONF_SILENT:-}
if [[ $mode == conference && -z $silent ]]; then
    command -v python3 >/dev/null || { echo "${0##*/}: python3 not found (writes the legs' pcap)" >&2; exit 2; }
    if [[ $(id -u) != 0 ]] && ! capsh --has-p=cap_net_raw 2>/dev/null; then
        echo "${0##*/}: --conference needs root or CAP_NET_RAW (SIPp's play_pcap_audio uses a raw socket)" >&2
        exit 2
    fi
fi

jar="$root/app-vertx/target/switchboard.jar"
if [[ ! -f $jar || -n ${BENCH_BUILD:-} ]]; then
    echo "building the server jar"
    (cd "$root" && mvn -B -o -q package -DskipTests)
fi

sip_port=${BENCH_SIP_PORT:-5070}
uas_port=${BENCH_UAS_PORT:-5080}
rtp_min=${BENCH_RTP_MIN:-10000}
rtp_max=$((rtp_min + 2 * legs + 199))
media_base=${BENCH_MEDIA_BASE:-16000}
http_port=${BENCH_HTTP_PORT:-27080}
callback_port=${BENCH_CALLBACK_PORT:-27090}
sink_port=${BENCH_SINK_PORT:-27091}
budget=$((2 * calls / rate + seconds + 150)) # seconds: ramp, window, hang-up ramp, samples, slack
[[ $mode == conference ]] && budget=$((budget + 5 * participants + 30)) # growth by invitations, its wait

out="$here/out"
mkdir -p "$out"
stamp=$(date +%Y%m%d-%H%M%S)
report="$out/report-$stamp.txt"
[[ $mode == conference ]] && report="$out/report-conference-$stamp.txt"
data=$(mktemp -d "$out/data-$stamp.XXXX")
server_log="$out/server-$stamp.log"
sink_log="$out/sink-$stamp.log"
sipp_prefix="$out/sipp-$stamp"

pids=()
cleanup() {
    local pid i
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
        pid=${pids[i]}
        kill -TERM "$pid" 2>/dev/null || continue
        for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
    done
    rm -rf "$data"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
key=$(head -c 32 /dev/urandom | base64 -w0)
while read -r name; do unset "$name"; done < <(compgen -e | grep '^SWITCHBOARD_' || true)

# Run a private copy: other engineers rebuild the jar in place, and a JVM whose jar is replaced under it fails to
# load classes it has not loaded yet (seen: NoClassDefFoundError InMemoryCallRegistry$Ended at the first hang-up).
server_jar="$data/switchboard.jar"
for attempt in 1 2 3 4 5 6; do
    cp "$jar" "$server_jar" && jar tf "$server_jar" >/dev/null 2>&1 && break
    (( attempt < 6 )) || { echo "${0##*/}: $jar is not a readable jar (being rebuilt?)" >&2; exit 1; }
    sleep 10
done
head=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')
echo "server: $jar (built $(date -r "$jar" '+%F %T')), HEAD $head"
SWITCHBOARD_HTTP_HOST=127.0.0.1 SWITCHBOARD_HTTP_PORT=$http_port SWITCHBOARD_ACCESS_KEY=$key \
SWITCHBOARD_DATA_DIR=$data SWITCHBOARD_SIP_ENABLED=true SWITCHBOARD_SIP_HOST=127.0.0.1 \
SWITCHBOARD_SIP_PORT=$sip_port SWITCHBOARD_SIP_TRUNK=sip:127.0.0.1:$uas_port \
SWITCHBOARD_RTP_PORTS=$rtp_min-$rtp_max SWITCHBOARD_MEDIA_TIMEOUT_SECONDS=3600 \
    env ${BENCH_PACERS:+SWITCHBOARD_RTP_PACER_THREADS=$BENCH_PACERS} ${BENCH_JOURNAL:+SWITCHBOARD_JOURNAL=$BENCH_JOURNAL} \
    ${BENCH_JOURNAL_SYNC:+SWITCHBOARD_JOURNAL_SYNC=$BENCH_JOURNAL_SYNC} java -Xms512m -Xmx2g -Xlog:gc*=off -jar "$server_jar" >"$server_log" 2>&1 &
server_pid=$!
pids+=("$server_pid")

java -Xms64m -Xmx512m "$here/RtpSink.java" 127.0.0.1 "$media_base" 4 "$legs" "$sink_port" 2 "$budget" \
    >"$sink_log" 2>&1 &
sink_pid=$!
pids+=("$sink_pid")

scenario="$here/uas_answer_wait_bye.xml"
talk=true
if [[ $mode == conference && -n $silent ]]; then
    talk=false
elif [[ $mode == conference ]]; then
    # what every leg says; the scenario names it relative to itself (out/conference-pcmu.pcap)
    # (written aside and renamed: a concurrent run's SIPp may be reading the file)
    python3 "$here/make_tone_pcap.py" "$out/conference-pcmu.pcap.$$" "$((budget + 30))" >/dev/null
    mv -f "$out/conference-pcmu.pcap.$$" "$out/conference-pcmu.pcap"
    scenario="$here/uas_conference.xml"
fi
sipp -sf "$scenario" -i 127.0.0.1 -p "$uas_port" -mi 127.0.0.1 -mp "$media_base" \
    -m "$legs" -l "$legs" -aa -timeout "${budget}s" -nostdin \
    -trace_err -error_file "$sipp_prefix-errors.log" -trace_screen -screen_file "$sipp_prefix-screen.log" \
    >/dev/null 2>"$sipp_prefix-stderr.log" &
sipp_pid=$!
pids+=("$sipp_pid")

deadline=$((SECONDS + 90))
until (exec 3<>"/dev/tcp/127.0.0.1/$http_port") 2>/dev/null && grep -q '^RtpSink:' "$sink_log"; do
    for pid in "${pids[@]}"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "a component exited at start; see $out/*-$stamp*" >&2
            tail -5 "$server_log" "$sink_log" >&2
            exit 1
        fi
    done
    (( SECONDS < deadline )) || { echo "server or sink not ready after 90 s" >&2; exit 1; }
    sleep 0.2
done
echo "server pid $server_pid on http://127.0.0.1:$http_port, SIP $sip_port -> SIPp $uas_port; $(head -1 "$sink_log")"

set +e
BENCH_ACCESS_KEY=$key timeout -s TERM "$((budget + 60))" java -Xmx512m "$here/LoadDriver.java" \
    --api "http://127.0.0.1:$http_port" --calls "$calls" --rate "$rate" --seconds "$seconds" \
    --callback-port "$callback_port" --sink-port "$sink_port" --server-pid "$server_pid" --sink-pid "$sink_pid" \
    --sipp-pid "$sipp_pid" \
    --clk-tck "$(getconf CLK_TCK)" --report "$report" --label "$stamp HEAD $head" --participants "$participants" \
    --legs-talk "$talk" --record "${BENCH_RECORD:-none}" &
driver_pid=$!
pids+=("$driver_pid")
wait "$driver_pid"
driver_rc=$?

# SIPp stops by itself after N calls (legs); give it a few seconds, then read its verdict
for _ in $(seq 1 100); do kill -0 "$sipp_pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$sipp_pid" 2>/dev/null; then
    sipp_line="SIPp still running after the driver (not all $legs SIPp calls ended); stopped"
else
    wait "$sipp_pid"
    sipp_rc=$?
    sipp_errors=$(cat "$sipp_prefix-errors.log" 2>/dev/null | wc -l)
    sipp_line="SIPp exit $sipp_rc (0 = all $legs SIPp calls completed), $sipp_errors error-log lines"
fi
set -e
problems=$(grep -cE ' (WARNING|SEVERE|ERROR) |Exception' "$server_log" || true)
# RtpStream logs a latch only when the first source differs from the SDP's address (RTP then goes elsewhere)
relatched=$(grep -c 'latched on' "$server_log" || true)
if [[ -n ${BENCH_RECORD:-} && -d $data/recordings ]]; then
    # the server completes the files as the calls end: give it a few seconds to write the last ones' documents
    for _ in $(seq 1 50); do
        (( $(find "$data/recordings" -name '*.json' | wc -l) >= calls )) && break
        sleep 0.2
    done
    echo "recordings     $(find "$data/recordings" -name '*.wav' | wc -l) files, $(find "$data/recordings" -name '*.json' \
        | wc -l) completed, $(du -sm "$data/recordings" | cut -f1) MB on disk" | tee -a "$report"
fi
{
    echo "SIPp           $sipp_line"
    echo "server log     $problems warning/error lines, $relatched RTP latch(es) away from the SDP address in" \
        "${server_log#"$root"/}"
} | tee -a "$report"
exit "$driver_rc"
