#!/usr/bin/env bash
# The floor of the SIP benchmarks' media cost on this machine (not a test): N RTP streams sent by a C program that
# does nothing else, a sendto per packet from a socket per stream on 20 ms deadlines in ten 2 ms slots, to the ports
# of bench/sip/rtp_sink.c capturing on "lo" exactly as in bench/sip/run.sh; then the same packets in batches of 64
# from one socket (sendmmsg), which a server with symmetric RTP cannot do; then a sendmsg per packet from each
# stream's socket queued through io_uring, 256 to a system call (symmetric RTP without a call per packet;
# "unavailable" where the kernel forbids io_uring); then a send per packet from each stream's socket connected to its
# destination (the kernel keeps the route); and that with every socket watched for reading by epoll, as the server's
# are. Compare its "ms per stream-second" with the server's "ms per call-second" of bench/sip/run.sh: what is left
# above the floor is the server's own.
#
# Usage: bench/media/floor.sh [streams=1000] [seconds=10]
# Needs a C compiler (gcc) and root or CAP_NET_RAW (the capture); runs in a private network namespace when allowed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
streams=${1:-1000}
seconds=${2:-10}
[[ $streams =~ ^[0-9]+$ && $seconds =~ ^[0-9]+$ ]] && (( streams > 0 && streams <= 8000 && seconds > 0 )) \
    || { echo "usage: ${0##*/} [streams=1000, at most 8000] [seconds=10]" >&2; exit 2; }
if [[ -z ${BENCH_IN_NETNS:-} ]] && unshare -n true 2>/dev/null; then
    exec unshare -n env BENCH_IN_NETNS=1 bash -c 'ip link set lo up && exec "$0" "$@"' "$0" "$@"
fi
command -v cc >/dev/null || { echo "${0##*/}: no C compiler (apt-get install -y gcc)" >&2; exit 2; }
out="$here/out"
mkdir -p "$out"
cc -O2 -o "$out/floor.$$" "$here/floor.c" && mv -f "$out/floor.$$" "$out/floor"
cc -O2 -o "$out/rtp_sink.$$" "$here/../sip/rtp_sink.c" && mv -f "$out/rtp_sink.$$" "$out/rtp_sink"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

base=30000
control=27191
sink_log="$out/floor-sink-$$.log"
"$out/rtp_sink" 127.0.0.1 "$base" 4 "$streams" "$control" 1 "$((2 * seconds + 60))" >"$sink_log" 2>&1 &
sink=$!
trap 'kill "$sink" 2>/dev/null || true; rm -f "$sink_log"' EXIT
for _ in $(seq 1 100); do
    grep -q '^RtpSink:' "$sink_log" && break
    kill -0 "$sink" 2>/dev/null || { cat "$sink_log" >&2; exit 1; }
    sleep 0.1
done
grep -q '^RtpSink:' "$sink_log" || { echo "${0##*/}: the receiver did not start" >&2; cat "$sink_log" >&2; exit 1; }

echo "== media floor (not a test): $streams streams, $seconds s each way, $(nproc) cores; $(head -1 "$sink_log")"
"$out/floor" 127.0.0.1 "$base" 4 "$streams" "$seconds"
meltdown=$(cat /sys/devices/system/cpu/vulnerabilities/meltdown 2>/dev/null || echo unknown)
echo "system calls: meltdown $meltdown (PTI, page-table isolation, makes every system call dearer)"
