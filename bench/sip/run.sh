#!/usr/bin/env bash
# SIP playback benchmark (not a test): the server jar places N calls over SIP to a SIPp UAS at R setups/s through
# the origin API, plays a looped 10 s prompt on each, holds them D seconds while RtpSink.java measures the RTP the
# server sends, then hangs up. Prints one report (also bench/sip/out/report-<timestamp>.txt).
#
# Usage: bench/sip/run.sh [N calls=1000] [R setups/s=100] [D seconds=30]
#        bench/sip/run.sh --inbound [N calls=1000] [R calls/s=100] [D seconds=30]
#        bench/sip/run.sh --conference [CALLS=50] [PARTICIPANTS=6] [D seconds=30]   (= bench/sip/conference.sh)
#
# Inbound mode: the calls come in, as to an IVR. SIPp calls the server N times at R/s (uac_call_wait_bye.xml, once
# the driver is ready); the server posts each IncomingCall to the driver (SWITCHBOARD_INCOMING_CALL_URL), which
# answers it, plays the looped prompt and at the end terminates the call, all through the GA API. The receiver,
# the window and the report are the playback benchmark's; the report adds the callers' wait for the 200 OK (INVITE
# sent to 200 OK received, from SIPp's -trace_rtt) and SIPp's retransmitted INVITEs (the server answered it late).
#
# Conference mode: CALLS calls, each created to one trunk number (at BENCH_CONF_RATE=10 creates/s) and grown to
# PARTICIPANTS legs by inviting one more number at a time (POST /calls/{id}/participants, the next one once the
# call's ParticipantsUpdated lists all invited so far); at full size the looped prompt is played to the call, i.e.
# into the server's mix, so every leg receives the sum of the other legs and the prompt. SIPp answers with
# uas_conference.xml and every leg TALKS (play_pcap_audio of out/conference-pcmu.pcap, a 1 kHz PCMU tone in 20 ms
# packets written by make_tone_pcap.py, as long as the run's time budget; needs root or CAP_NET_RAW and python3):
# SIPp's raw socket per leg makes the kernel check every UDP packet sent on the machine against all of them, in the
# sender's time, so a part of what the server is charged is the harness's. BENCH_CONF_TALKER=sink: SIPp answers with
# uas_answer_wait_bye.xml and rtp_sink.c talks instead (RTP_SINK_TALK=1), the same tone from each leg's signalled
# port back to where the server sends from, without raw sockets. The receiver measures all CALLS x PARTICIPANTS
# legs as in the playback benchmark; the report gives CPU per leg-second, heap and RSS per leg, calls and participants
# ok/failed, against the conference targets (p99 inter-arrival <= 22 ms, 0 loss). BENCH_CONF_SILENT=1: the legs do
# not talk: a control run that tells the cost of the legs' input apart from the mixing itself.
#
# Needs: sipp (apt-get install -y sip-tester), Java 17 (java, jcmd), app-vertx/target/switchboard.jar (built when
# missing, or when BENCH_BUILD=1, by `mvn -B -o -q package -DskipTests`). All traffic stays on 127.0.0.1; the run
# goes into a private network namespace (unshare -n) when allowed, so its ports cannot collide with other work.
# BENCH_RECORD=mixed|unmixed: every call is also recorded (POST /calling/recordings once its prompt is asked for);
# the report then counts the recordings, and the files written are summed at the end (they are deleted with the run).
# BENCH_PACERS=N: run the server with N RTP pacer threads (SWITCHBOARD_RTP_PACER_THREADS; default the cores).
# BENCH_JOURNAL=memory: the journal in memory, to compare with the default journal on disk (SWITCHBOARD_JOURNAL).
# BENCH_SIP_PRIORITY=normal: the SIP signalling thread not raised (SWITCHBOARD_SIP_PRIORITY; the server's own
# SWITCHBOARD_* settings are not passed on from the environment).
# BENCH_JOURNAL_SYNC=full|normal: the journal's commits (SWITCHBOARD_JOURNAL_SYNC).
# BENCH_JOURNAL_PRIORITY=normal: the journal's writer thread not raised (SWITCHBOARD_JOURNAL_PRIORITY).
# Port layout (overridable): SIP server 5070, SIPp 5080 (+j for the j-th of several), server RTP its default
# 10000-29999 (BENCH_RTP_MIN: a range of 2N+200 ports from there), SIPp -mp 30000 + j * 8100 (SIPp binds the base and
# base+2 itself; its call k gets base+4k, bound by RtpSink), HTTP 27080, callbacks 27090, sink control 27091; in the
# namespace, ephemeral ports 63000-65000.
# BENCH_REST_RATE=N: the combined load, N GET call-connection requests per second during the window (open loop),
# reported as REST p50/p99/max from each request's due time, with the part of it the driver itself waited to send
# and the server's own time from its request-time buckets; the same load runs BENCH_REST_WARMUP seconds (default 10,
# 0: none) before the window and is reported apart: a server that has run a while has compiled its GET path.
# BENCH_JAVA_OPTS: more options for the server's JVM (e.g. JFR, GC logging); one that names a collector
# (-XX:+UseG1GC) replaces the one ./switchboard chooses (scripts/java-collector.sh), as it does there.
# BENCH_DRIVER_JAVA_OPTS: the same for the load driver's JVM.
# BENCH_RAMP_AGENT="LIBRARY OPTIONS": a JVMTI agent loaded into the running server just before the measured ramp (after
# any warm-up), e.g. async-profiler (Maven Central: tools.profiler:async-profiler) to profile that ramp and window only:
# BENCH_RAMP_AGENT="/path/libasyncProfiler.so start,event=cpu,threads,collapsed,file=/tmp/ramp.txt".
# With BENCH_JAVA_OPTS=-XX:NativeMemoryTracking=summary the report also says where the memory per call went (NMT).
# From the ramp to the end, cpu_heartbeat.c (built with cc like rtp_sink.c; BENCH_HEARTBEAT=0: not run) keeps a
# real-time thread above the pacers on each core, woken every 1 ms: the report's "machine stalls" line counts the
# times the machine itself (kernel or hypervisor) held a core more than 20 ms, which the pacers cannot be on time
# through. It costs about 1 % of a core.
# Besides the driver's report: SIPp's retransmitted 200 OKs (an ACK the server sent late) and the server's 'pacer fell
# behind' warnings. Up to 8,000 legs: beyond 2,000, one SIPp instance (and trunk, by number prefix) per 2,000.
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
    usage="usage: ${0##*/} [--inbound] [N calls=1000] [R setups/s=100] [D seconds=30]"
    if [[ ${1:-} == --inbound ]]; then
        shift
        mode=inbound
    fi
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
# SIPp 3.6: [auto_media_port] = -mp + (4 * (call_number - 1)) % 10000, so one SIPp's ports repeat after 2,500 calls:
# beyond 2,000 legs the carrier is several SIPp instances of 2,000 legs each, one trunk each, chosen by number
# prefix (the legs' numbers are consecutive from +14255550000: instance j carries +1425555<2j> and +1425555<2j+1>).
per_sipp=2000
sipps=$(( (legs + per_sipp - 1) / per_sipp ))
# BENCH_WARMUP=W: W calls set up and hung up first (same rate, their own SIPp calls and RTP ports), so that the
# measured ramp meets a warmed-up server (its JIT, its pools), as a server that has run for a while is. They dial the
# numbers after the measured calls', so they go to the last SIPp instance, which must have room for them: N + W <=
# 2,000 x the instances N needs (with 5,000 calls, up to 1,000). Inbound, the W calls come in from a SIPp instance of
# their own, its media ports after the last instance's.
warm=${BENCH_WARMUP:-0}
if [[ ! $warm =~ ^[0-9]+$ ]] \
    || { (( warm > 0 )) && [[ $mode == conference || $((legs + warm)) -gt $((sipps * per_sipp)) ]]; }; then
    echo "${0##*/}: BENCH_WARMUP=$warm: a number of calls, not in conference mode, with N + W <=" \
        "$((sipps * per_sipp))" >&2
    exit 2
fi
if (( sipps > 4 )); then
    echo "${0##*/}: $legs SIPp calls: at most 8000 (4 SIPp instances of 2000 with their RTP ports below 65536)" >&2
    exit 2
fi

if [[ -z ${BENCH_IN_NETNS:-} && -z ${BENCH_NO_UNSHARE:-} ]] && unshare -n true 2>/dev/null; then
    # the namespace's own ephemeral ports stay above the RTP ports of the server and SIPp
    exec unshare -n env BENCH_IN_NETNS=1 bash -c 'ip link set lo up && \
        { sysctl -qw net.ipv4.ip_local_port_range="63000 65000" || true; } && exec "$0" "$@"' "$0" "${args[@]}"
fi

command -v sipp >/dev/null || { echo "${0##*/}: sipp not found (apt-get install -y sip-tester)" >&2; exit 2; }
command -v curl >/dev/null || { echo "${0##*/}: curl not found (apt-get install -y curl)" >&2; exit 2; }
command -v jcmd >/dev/null || { echo "${0##*/}: jcmd not found (a full JDK 17 is needed)" >&2; exit 2; }
# Who talks on the conference legs: SIPp's play_pcap_audio (pcap, the default), the C receiver from the very ports
# it measures (BENCH_CONF_TALKER=sink: no raw socket), or nobody (BENCH_CONF_SILENT=1).
talker=none
if [[ $mode == conference && -z ${BENCH_CONF_SILENT:-} ]]; then
    talker=${BENCH_CONF_TALKER:-pcap}
    [[ $talker == sink || $talker == pcap ]] \
        || { echo "${0##*/}: BENCH_CONF_TALKER=$talker: sink or pcap" >&2; exit 2; }
    if [[ $talker == sink ]] && { [[ ${BENCH_SINK:-c} != c ]] || ! command -v cc >/dev/null 2>&1; }; then
        echo "${0##*/}: BENCH_CONF_TALKER=sink needs rtp_sink.c (a C compiler, BENCH_SINK=c)" >&2
        exit 2
    fi
fi
if [[ $talker == pcap ]]; then
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
uas_port=${BENCH_UAS_PORT:-5080}  # SIPp instance j listens on uas_port + j
# the server's RTP ports: its default range (10000-29999) unless BENCH_RTP_MIN asks for a range just big enough
rtp_ports=
if [[ -n ${BENCH_RTP_MIN:-} ]]; then
    rtp_ports="$BENCH_RTP_MIN-$((BENCH_RTP_MIN + 2 * legs + 199))"
fi
media_base=${BENCH_MEDIA_BASE:-30000}  # SIPp instance j: media_base + j * (4 * per_sipp + 100)
http_port=${BENCH_HTTP_PORT:-27080}
callback_port=${BENCH_CALLBACK_PORT:-27090}
sink_port=${BENCH_SINK_PORT:-27091}
rest_rate=${BENCH_REST_RATE:-0}
rest_warmup=${BENCH_REST_WARMUP:-10}
if [[ ! $rest_rate =~ ^[0-9]+$ || ! $rest_warmup =~ ^[0-9]+$ ]]; then
    echo "${0##*/}: BENCH_REST_RATE=$rest_rate, BENCH_REST_WARMUP=$rest_warmup: requests/s and seconds (0: none)" >&2
    exit 2
fi
(( rest_rate > 0 )) || rest_warmup=0
budget=$((2 * calls / rate + seconds + rest_warmup + 150 + 2 * ${BENCH_WARMUP:-0} / rate)) # ramps, window, slack
[[ $mode == conference ]] && budget=$((budget + 5 * participants + 30)) # growth by invitations, its wait

out="$here/out"
mkdir -p "$out"
stamp=$(date +%Y%m%d-%H%M%S)
report="$out/report-$stamp.txt"
[[ $mode == conference ]] && report="$out/report-conference-$stamp.txt"
[[ $mode == inbound ]] && report="$out/report-inbound-$stamp.txt"
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
# the collector ./switchboard chooses (scripts/java-collector.sh), unless BENCH_JAVA_OPTS names one
source "$root/scripts/java-collector.sh"
# shellcheck disable=SC2086 # a list of options
collector=$(switchboard_collector ${BENCH_JAVA_OPTS:-})
# The report's heap samples are explicit collections (jcmd GC.run), and Shenandoah takes one as a sign to learn the
# heap anew: its next five cycles then come whenever less than 70 % of the heap is free, back to back in a ramp. A
# server in service learns once, while it loads its speech models at start, and is not asked again: this one is run
# without learning, so that the harness's collections do not put it back to learning before the measured ramp.
if [[ $collector == -XX:+UseShenandoahGC ]]; then
    collector+=" -XX:+UnlockExperimentalVMOptions -XX:ShenandoahLearningSteps=0"
fi
echo "server: $jar (built $(date -r "$jar" '+%F %T')), HEAD $head;" \
    "JVM options: ${collector:+$collector }${BENCH_JAVA_OPTS:-}"
# one trunk per SIPp instance; with several, each carries its instance's number prefixes
trunks=()
bases=()
counts=()
answered_warm=$warm # the warm-up's calls the last instance answers (inbound, they come from an instance of their own)
[[ $mode == inbound ]] && answered_warm=0
for ((j = 0; j < sipps; j++)); do
    n=$(( j < sipps - 1 ? per_sipp : legs - j * per_sipp + answered_warm ))
    bases+=($((media_base + j * (4 * per_sipp + 100))))
    counts+=("$n")
    name=SWITCHBOARD_SIP_TRUNK
    (( j > 0 )) && name=SWITCHBOARD_SIP_TRUNK_$((j + 1))
    trunks+=("$name=sip:127.0.0.1:$((uas_port + j))")
    (( sipps > 1 )) && trunks+=("${name}_PREFIXES=+1425555$((2 * j)),+1425555$((2 * j + 1))")
done
# the receiver's ranges: the instances' and, inbound, the warm-up instance's (SIPp binds its -mp and -mp + 2 itself:
# -mp is 2 past the last measured call's port, so that neither is one the receiver listens on)
sink_bases=("${bases[@]}")
sink_counts=("${counts[@]}")
warm_base=$((bases[sipps - 1] + 4 * counts[sipps - 1] + 2))
if [[ $mode == inbound ]] && (( warm > 0 )); then
    sink_bases+=("$warm_base")
    sink_counts+=("$warm")
fi
SWITCHBOARD_HTTP_HOST=127.0.0.1 SWITCHBOARD_HTTP_PORT=$http_port SWITCHBOARD_ACCESS_KEY=$key \
SWITCHBOARD_DATA_DIR=$data SWITCHBOARD_SIP_ENABLED=true SWITCHBOARD_SIP_HOST=127.0.0.1 \
SWITCHBOARD_SIP_PORT=$sip_port SWITCHBOARD_MEDIA_TIMEOUT_SECONDS=3600 \
    env "${trunks[@]}" ${rtp_ports:+SWITCHBOARD_RTP_PORTS=$rtp_ports} \
    $([[ $mode == inbound ]] && echo "SWITCHBOARD_INCOMING_CALL_URL=http://127.0.0.1:$callback_port/incoming") \
    ${BENCH_PACERS:+SWITCHBOARD_RTP_PACER_THREADS=$BENCH_PACERS} ${BENCH_JOURNAL:+SWITCHBOARD_JOURNAL=$BENCH_JOURNAL} \
    ${BENCH_SIP_PRIORITY:+SWITCHBOARD_SIP_PRIORITY=$BENCH_SIP_PRIORITY} \
    ${BENCH_JOURNAL_PRIORITY:+SWITCHBOARD_JOURNAL_PRIORITY=$BENCH_JOURNAL_PRIORITY} \
    ${BENCH_JOURNAL_SYNC:+SWITCHBOARD_JOURNAL_SYNC=$BENCH_JOURNAL_SYNC} java -Xms512m -Xmx2g -Xlog:gc*=off \
    $collector ${BENCH_JAVA_OPTS:-} -jar "$server_jar" >"$server_log" 2>&1 &
server_pid=$!
pids+=("$server_pid")

# Builds $out/NAME from $here/NAME.c (errors in $out/NAME-build.log), renamed into place: a concurrent run may be
# starting the one there.
build_c() {
    local name=$1
    shift
    cc -O2 "$@" -o "$out/$name.$$" "$here/$name.c" 2>"$out/$name-build.log" && mv -f "$out/$name.$$" "$out/$name"
}

# The receiver: rtp_sink.c (kernel receive timestamps through a capture ring, a fraction of the CPU) when a C
# compiler is installed and the run may capture (root or CAP_NET_RAW), else RtpSink.java; BENCH_SINK=java|c chooses.
sink_cmd=(java -Xms64m -Xmx512m "$here/RtpSink.java")
if [[ ${BENCH_SINK:-c} == c ]] && command -v cc >/dev/null 2>&1; then
    if build_c rtp_sink; then
        sink_cmd=("$out/rtp_sink")
    elif [[ $talker == sink ]]; then
        echo "rtp_sink.c did not build (see $out/rtp_sink-build.log); BENCH_CONF_TALKER=sink needs it" >&2
        exit 1
    else
        echo "rtp_sink.c did not build (see $out/rtp_sink-build.log): RtpSink.java measures instead" >&2
    fi
elif [[ ${BENCH_SINK:-c} == c ]]; then
    echo "no C compiler (apt-get install -y gcc): RtpSink.java measures, with its own scheduling in the figures" >&2
fi
RTP_SINK_TALK=$([[ $talker == sink ]] && echo 1 || echo 0) "${sink_cmd[@]}" 127.0.0.1 \
    "$(IFS=,; echo "${sink_bases[*]}")" 4 "$(IFS=,; echo "${sink_counts[*]}")" "$sink_port" 2 "$budget" \
    >"$sink_log" 2>&1 &
sink_pid=$!
pids+=("$sink_pid")

scenario="$here/uas_answer_wait_bye.xml"
if [[ $talker == pcap ]]; then
    # what every leg says; the scenario names it relative to itself (out/conference-pcmu.pcap)
    # (written aside and renamed: a concurrent run's SIPp may be reading the file)
    python3 "$here/make_tone_pcap.py" "$out/conference-pcmu.pcap.$$" "$((budget + 30))" >/dev/null
    mv -f "$out/conference-pcmu.pcap.$$" "$out/conference-pcmu.pcap"
    scenario="$here/uas_conference.xml"
fi
sipp_pids=()
# The carrier: SIPp instance NAME on port PORT, its calls' media from BASE, COUNT calls: answering them (UAS) or,
# inbound, making them (UAC, PER calls every PERIOD ms, from a directory of its own, where its -trace_rtt file goes).
start_sipp() {
    local name=$1 port=$2 base=$3 count=$4 per=$5 period=$6
    local role=(-sf "$scenario" -aa)
    if [[ $mode == inbound ]]; then
        mkdir -p "$data/sipp-$name"
        role=(-sf "$here/uac_call_wait_bye.xml" -s +14255550100 "127.0.0.1:$sip_port" -r "$per" -rp "$period"
            -trace_rtt -rtt_freq 1)
    fi
    (cd "$data/sipp-$name" 2>/dev/null || true
     exec sipp "${role[@]}" -i 127.0.0.1 -p "$port" -mi 127.0.0.1 -mp "$base" \
        -m "$count" -l "$count" -timeout "${budget}s" -nostdin \
        -trace_err -error_file "$sipp_prefix-$name-errors.log" -trace_screen \
        -screen_file "$sipp_prefix-$name-screen.log" >/dev/null 2>"$sipp_prefix-$name-stderr.log") &
    pids+=($!)
}
# every instance's calls over the same N / R seconds, so that together they call R a second
start_sipps() {
    local j
    for ((j = 0; j < sipps; j++)); do
        start_sipp "$j" "$((uas_port + j))" "${bases[j]}" "${counts[j]}" "${counts[j]}" "$((1000 * legs / rate))"
        sipp_pids+=($!)
    done
}
# Inbound: starts the driver (its arguments given) in the background and, once it is ready for the calls, the
# callers (the command given after --); the driver's exit status.
inbound_driver() {
    local ready=$1 args=()
    shift
    while [[ $1 != -- ]]; do args+=("$1"); shift; done
    shift
    "${args[@]}" --inbound true --ready-file "$ready" &
    local driver=$!
    pids+=("$driver")
    until [[ -f $ready ]] || ! kill -0 "$driver" 2>/dev/null; do sleep 0.1; done
    [[ -f $ready ]] && "$@"
    wait "$driver"
}
[[ $mode == inbound ]] || start_sipps

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
# the embedded recognizer loads its models (about 300 MB of heap, seconds of CPU) in the background at start: the
# ramp waits for them, as an operator's traffic would wait for a started server to settle
until curl -fsS "http://127.0.0.1:$http_port/health" 2>/dev/null | grep -q '"speechRecognition" *: *"\(ready\|failed\|on first use\)"'; do
    (( SECONDS < deadline + 120 )) || { echo "the speech models did not load within 120 s" >&2; break; }
    sleep 0.5
done
echo "server pid $server_pid on http://127.0.0.1:$http_port, SIP $sip_port $([[ $mode == inbound ]] && echo "<-" \
    || echo "->") SIPp $uas_port; $(head -1 "$sink_log")"

set +e
if (( warm > 0 )); then
    echo "warm-up: $warm calls at $rate/s, hung up"
    warmup=(env BENCH_ACCESS_KEY="$key" timeout -s TERM "$((budget + 60))" java -Xmx512m ${BENCH_DRIVER_JAVA_OPTS:-}
        "$here/LoadDriver.java" --api "http://127.0.0.1:$http_port" --calls "$warm" --rate "$rate" --seconds 1
        --warmup true --first-number "$((14255550000 + legs))" \
        --callback-port "$callback_port" --sink-port "$sink_port" --server-pid "$server_pid" \
        --report "$out/warmup-$stamp.txt")
    if [[ $mode == inbound ]]; then
        inbound_driver "$data/ready-warmup" "${warmup[@]}" -- \
            start_sipp warmup "$((uas_port + sipps))" "$warm_base" "$warm" "$rate" 1000 >"$out/warmup-$stamp.log" 2>&1
    else
        "${warmup[@]}" >"$out/warmup-$stamp.log" 2>&1
    fi \
        || { echo "warm-up failed: see $out/warmup-$stamp.log" >&2; tail -5 "$out/warmup-$stamp.log" >&2; exit 1; }
fi
if [[ -n ${BENCH_RAMP_AGENT:-} ]]; then
    agent_library=${BENCH_RAMP_AGENT%% *}
    agent_options=${BENCH_RAMP_AGENT#"$agent_library"}
    # the options quoted: jcmd would take "name=value" in them for its own arguments
    jcmd "$server_pid" JVMTI.agent_load "$agent_library" "\"${agent_options# }\"" >/dev/null \
        || echo "BENCH_RAMP_AGENT: jcmd JVMTI.agent_load failed" >&2
fi
heartbeat_log="$out/heartbeat-$stamp.log"
heartbeat_pid=""
stall_ms=20 # what the heartbeat counts as the machine holding a core
if [[ ${BENCH_HEARTBEAT:-1} != 0 ]] && command -v cc >/dev/null 2>&1 && build_c cpu_heartbeat -pthread; then
    "$out/cpu_heartbeat" "$((budget + 60))" "$stall_ms" >"$heartbeat_log" 2>&1 &
    heartbeat_pid=$!
    pids+=("$heartbeat_pid")
fi
driver=(env BENCH_ACCESS_KEY="$key" timeout -s TERM "$((budget + 60))" java -Xmx512m ${BENCH_DRIVER_JAVA_OPTS:-}
    "$here/LoadDriver.java" --api "http://127.0.0.1:$http_port" --calls "$calls" --rate "$rate" --seconds "$seconds"
    --callback-port "$callback_port" --sink-port "$sink_port" --server-pid "$server_pid" --sink-pid "$sink_pid"
    --rest-rate "$rest_rate" --rest-warmup "$rest_warmup" --clk-tck "$(getconf CLK_TCK)" --report "$report"
    --label "$stamp HEAD $head" --participants "$participants" --legs-talk "$talker" --record "${BENCH_RECORD:-none}")
if [[ $mode == inbound ]]; then
    # the callers start once the driver can take their IncomingCall events; it reads their ids when it needs them
    started_callers() {
        start_sipps
        (IFS=,; echo "${sipp_pids[*]}") >"$data/sipp-pids"
    }
    inbound_driver "$data/ready" "${driver[@]}" --sipp-pid-file "$data/sipp-pids" -- started_callers
else
    "${driver[@]}" --sipp-pid "$(IFS=,; echo "${sipp_pids[*]}")" &
    pids+=($!)
    wait $!
fi
driver_rc=$?
if [[ -n $heartbeat_pid ]]; then
    kill -TERM "$heartbeat_pid" 2>/dev/null
    wait "$heartbeat_pid"
fi

# SIPp stops by itself after its calls (legs); give it a few seconds, then read its verdict
sipp_line=""
for ((j = 0; j < sipps; j++)); do
    pid=${sipp_pids[j]}
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    (( sipps > 1 )) && sipp_line+="#$j: "
    if kill -0 "$pid" 2>/dev/null; then
        sipp_line+="still running after the driver (not all ${counts[j]} SIPp calls ended); stopped"
    else
        wait "$pid"
        sipp_rc=$?
        sipp_errors=$(cat "$sipp_prefix-$j-errors.log" 2>/dev/null | wc -l)
        sipp_line+="exit $sipp_rc (0 = all ${counts[j]} SIPp calls completed), $sipp_errors error-log lines"
    fi
    (( j < sipps - 1 )) && sipp_line+="; "
done
# retransmissions SIPp made (the Retrans column of its final screen): of its 200 OKs = the server's ACKs came late;
# inbound, of its INVITEs = the server's first answer came late
retransmitted=('^ +<-+ +200 ' "200 OK(s) (ACK late)") # "  <---------- 200   1000   3   0"
[[ $mode == inbound ]] && retransmitted=('^ +INVITE -+> ' "INVITE(s) (no answer within 500 ms)") # "  INVITE -...->"
retrans=$(cat "$sipp_prefix"-*-screen.log 2>/dev/null \
    | awk -v line="${retransmitted[0]}" '$0 ~ line { sum += $4 } END { printf "%d", sum }')
set -e
problems=$(grep -cE ' (WARNING|SEVERE|ERROR) |Exception' "$server_log" || true)
# the pacers' warnings before the driver forced its full GCs (for the heap figures, after the window) count against
# the target; those after, the forced collections' own (the server's log and the report share the clock)
forced_from=$(sed -n 's/^harness GCs .* from \([0-9:.]*\):.*/\1/p' "$report" 2>/dev/null | head -1)
behind=$(awk -v cut="${forced_from:-99}" '/behind with/ && $2 < cut' "$server_log" | wc -l)
behind_forced=$(awk -v cut="${forced_from:-99}" '/behind with/ && $2 >= cut' "$server_log" | wc -l)
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
    echo "SIPp           $sipp_line; $retrans retransmitted ${retransmitted[1]}$( (( warm > 0 )) \
        && echo ", the warm-up's included") [target: 0]"
    if [[ $mode == inbound ]]; then
        # response_time_ms of each call's 200 OK, whole milliseconds (Date_ms;response_time_ms;rtd_no)
        cat "$data"/sipp-[0-9]*/*_rtt.csv 2>/dev/null | awk -F';' '$3 == 1 { print $2 }' | sort -n | awk '
            { t[NR] = $1 }
            END {
                printf "answer wait    INVITE sent to 200 OK received (ringing, the webhook, the answer), by SIPp: "
                if (NR == 0) { print "none recorded"; exit }
                printf "%d calls, p50 %d ms, p99 %d ms, max %d ms (whole ms)\n", NR, t[int((NR - 1) * 0.5) + 1],
                    t[int((NR - 1) * 0.99) + 1], t[NR]
            }'
    fi
    echo "server log     $problems warning/error lines ($behind 'pacer fell behind' warnings [target: 0]; $behind_forced" \
        "more during the harness's forced full GCs)," \
        "$relatched RTP latch(es) away from the SDP address in ${server_log#"$root"/}"
    if [[ -n $heartbeat_pid ]]; then
        echo "machine stalls $(awk -v limit="$stall_ms" '
            /^stall / { n++; ms = $3 + 0; if (ms > max) { max = ms; at = $2 " at " $6 } }
            /^policy: / { sub(/^policy: /, ""); policy = $0 }
            END { printf "%d times a core was held from a real-time thread above the pacers (%s) more than %d ms, " \
                "ramp to end%s", n, policy, limit, n ? sprintf("; longest %.0f ms (%s)", max, at) : "" }' \
            "$heartbeat_log")" \
            "[the machine's, not the server's]"
    fi
} | tee -a "$report"
exit "$driver_rc"
