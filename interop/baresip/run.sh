#!/usr/bin/env bash
# baresip interop run: the server jar built by `mvn -B verify` (this script builds nothing) against baresip, a real
# softphone, over SIP and RTP (PCMU, RFC 4733 DTMF) on 127.0.0.1. drive.js is the application (GA API with signed
# requests, callback and Event Grid endpoints, a prompt) and drives baresip through its ctrl_tcp socket:
#   A. the server calls baresip (communication user 8:acs:baresip through SWITCHBOARD_SIP_USERS): CallConnected, a
#      key pressed on baresip comes back as ContinuousDtmfRecognitionToneReceived "seven", a prompt plays to its end
#      (PlayCompleted), terminate: CallDisconnected and baresip's call closes;
#   B. baresip calls the server: the Event Grid IncomingCall arrives, answer gives 200 and CallConnected, baresip
#      hangs up: CallDisconnected.
#
# Installs nothing. Needs: baresip (Debian package baresip-core), java 17, python3, Node 18+. Runs inside a private
# network namespace (unshare -n, loopback up) when the machine allows it, else on the host's loopback.
#
# Usage: interop/baresip/run.sh   (from anywhere; exits 0 when every check held, else non-zero, printing the server
#                                  and baresip logs after drive.js's own account of what it waited for)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
me="interop/baresip/run.sh"

if [ -z "${SB_RUN_BARESIP_INNER:-}" ]; then
  command -v baresip >/dev/null 2>&1 || { echo "$me: baresip not found (expected: apt-get install -y baresip-core)" >&2; exit 2; }
  if unshare -n true 2>/dev/null; then
    echo "$me: running in a private network namespace"
    exec env SB_RUN_BARESIP_INNER=1 unshare -n bash -c 'ip link set lo up && exec bash "$0"' "$here/run.sh"
  fi
  echo "$me: unshare -n not permitted here; running on the host's loopback"
fi

# shellcheck source=../js-sdk/lib/server.sh
. "$root/interop/js-sdk/lib/server.sh"
sb_require_jar

key="c3dpdGNoYm9hcmQtYmFyZXNpcC1pbnRlcm9wLWtleQ=="
baresip_user="8:acs:baresip"

data="$(mktemp -d)"
log="$data/server.log"
baresip_log="$data/baresip.log"
http_port="$(sb_free_port tcp)"
receiver_port="$(sb_free_port tcp)"
ctrl_port="$(sb_free_port tcp)"
sip_port="$(sb_free_port udp)"
baresip_port="$(sb_free_port udp)"
rtp_base=$(( 40000 + (RANDOM % 400) * 20 ))
rtp_ports="$rtp_base-$(( rtp_base + 9 ))"
sb_server_pid=""
baresip_pid=""
drive_pid=""

stop() {
  sb_stop_pid "$drive_pid"
  sb_stop_pid "$baresip_pid"
  sb_stop_pid "$sb_server_pid"
  rm -rf "$data"
}
trap stop EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

show_logs() {
  echo "$me: last server log lines:" >&2
  tail -n 80 "$log" >&2 || true
  echo "$me: last baresip log lines:" >&2
  tail -n 80 "$baresip_log" >&2 || true
}

# baresip's microphone: a WAV file (8 kHz mono 16-bit silence). baresip hangs up when it ends, so it lasts 120 s,
# far longer than any call here.
python3 - "$data/silence.wav" <<'EOF'
import struct, sys
rate, seconds = 8000, 120
frames = bytes(rate * seconds * 2)
with open(sys.argv[1], "wb") as f:
    f.write(b"RIFF" + struct.pack("<I", 36 + len(frames)) + b"WAVE" + b"fmt "
            + struct.pack("<IHHIIHH", 16, 1, 1, rate, rate * 2, 2, 16) + b"data" + struct.pack("<I", len(frames)))
    f.write(frames)
EOF

# Headless baresip (telephony-notes.md): no stdio UI (it needs a TTY), the file as audio source, ALSA's "null" device
# as player (no sound card needed), PCMU only at 20 ms, auto answer, no registration; commands and events on ctrl_tcp.
mkdir -p "$data/baresip" "$data/heard"
cat >"$data/baresip/config" <<EOF
poll_method		epoll
sip_listen		127.0.0.1:$baresip_port
net_interface		127.0.0.1
audio_player		alsa,null
audio_alert		alsa,null
audio_source		aufile,$data/silence.wav
module_path		/usr/lib/baresip/modules
module			g711.so
module			aufile.so
module			alsa.so
module			sndfile.so
snd_path		$data/heard
module_tmp		account.so
module_app		menu.so
module_app		ctrl_tcp.so
statmode_default	off
ctrl_tcp_listen		127.0.0.1:$ctrl_port
EOF
echo "<sip:callee@127.0.0.1:$baresip_port>;regint=0;answermode=auto;audio_codecs=pcmu;ptime=20" \
  >"$data/baresip/accounts"

# -s: SIP trace in its log (shows the SDP, and that DTMF goes as RTP telephone-event, not SIP INFO)
baresip -4 -s -f "$data/baresip" </dev/null >"$baresip_log" 2>&1 &
baresip_pid=$!

sb_start_server "$log" SWITCHBOARD_HTTP_PORT="$http_port" SWITCHBOARD_HTTP_HOST=127.0.0.1 \
  SWITCHBOARD_SIP_ENABLED=true SWITCHBOARD_SIP_HOST=127.0.0.1 SWITCHBOARD_SIP_PORT="$sip_port" \
  SWITCHBOARD_SIP_USERS="$baresip_user=sip:callee@127.0.0.1:$baresip_port" \
  SWITCHBOARD_RTP_PORTS="$rtp_ports" SWITCHBOARD_DATA_DIR="$data/server" SWITCHBOARD_ACCESS_KEY="$key" \
  SWITCHBOARD_INCOMING_CALL_URL="http://127.0.0.1:$receiver_port/incoming" SWITCHBOARD_SHUTDOWN_GRACE_SECONDS=2

# baresip is ready when its ctrl_tcp port accepts connections (at most 10 s)
for i in $(seq 1 50); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$ctrl_port") 2>/dev/null; then break; fi
  if ! kill -0 "$baresip_pid" 2>/dev/null || [ "$i" -eq 50 ]; then
    echo "$me: baresip did not open ctrl_tcp on $ctrl_port" >&2
    show_logs
    exit 1
  fi
  sleep 0.2
done
sb_wait_http "$http_port" "$log"
echo "$me: server on http $http_port, sip udp $sip_port, rtp $rtp_ports; baresip on udp $baresip_port, ctrl_tcp $ctrl_port"

status=0
SB_ENDPOINT="http://127.0.0.1:$http_port" SB_ACCESS_KEY="$key" SB_SIP_PORT="$sip_port" \
  RECEIVER_PORT="$receiver_port" BARESIP_CTRL="$ctrl_port" BARESIP_USER="$baresip_user" \
  BARESIP_HEARD="$data/heard" timeout 50 node "$here/drive.js" &
drive_pid=$! # in the background so that a TERM or INT to this script stops everything at once
wait "$drive_pid" || status=$?
drive_pid=""

# How baresip sent the key: as RFC 4733 telephone-event packets in its RTP stream ("audio: send DTMF digit" is its
# telephone-event sender) and not as SIP INFO (no INFO request in its SIP trace), which the server takes too: so the
# tone it reported came in the RTP.
if [ "$status" -eq 0 ]; then
  if grep -q '^INFO sip:' "$baresip_log"; then
    echo "$me: baresip sent SIP INFO (expected: RFC 4733 telephone-event in RTP)" >&2
    status=1
  elif ! grep -q "audio: send DTMF digit: '7'" "$baresip_log"; then
    echo "$me: baresip's log does not show the key 7 sent as a telephone-event" >&2
    status=1
  fi
fi
if [ "$status" -ne 0 ]; then
  echo "$me: FAILED (status $status)" >&2
  show_logs
  exit "$status"
fi
echo "$me: passed"
