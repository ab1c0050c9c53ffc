#!/usr/bin/env bash
# The SIPp mode of the JS SDK conformance suite: test-sipp/sipp.test.js (the official SDK, unchanged) against the
# server jar built by `mvn -B verify` (this script builds nothing) whose SIP trunk is a SIPp UAS
# (interop/sipp/uas_answer_dtmf_delayed.xml: answers PCMU + telephone-event, sends the keys 1 5 # 3 s after the ACK,
# answers our BYE), plus a second SIPp that is always busy (interop/sipp/uas_busy.xml), reached as the communication
# user $busy_user through SWITCHBOARD_SIP_USERS, plus a third (interop/sipp/uas_answer_refer.xml: answers, takes our
# REFER with 202 and a NOTIFY of 200, answers our BYE) reached as $transfer_user, for test-sipp/transfer.test.js.
# Every SIPp process must end with exit code 0 (every call as scripted).
# test-sipp/incoming.test.js and test-sipp/recording.test.js start their own SIPp callers (uac_call_in_*.xml) and
# serve the Event Grid endpoint of SWITCHBOARD_INCOMING_CALL_URL; test-sipp/registered.test.js starts a SIPp that
# registers as a user the identity SDK created (uac_register.xml) for a SIPp that answers (uas_answer.xml). The server speaks https with its self-signed
# certificate, which Node trusts through NODE_EXTRA_CA_CERTS (the SDK downloads recordings over https only).
#
# Needs: sipp (Debian package sip-tester), root or CAP_NET_RAW (play_pcap_audio), python3, Node 18+. Runs inside a
# private network namespace (unshare -n, loopback up) when the machine allows it, else on the host's loopback.
#
# Usage: interop/js-sdk/run-sipp.sh   (from anywhere; exits non-zero on failure, printing the server and SIPp logs)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
sipp_dir="$root/interop/sipp"
me="run-sipp.sh"

if [ -z "${SB_RUN_SIPP_INNER:-}" ]; then
  command -v sipp >/dev/null 2>&1 || { echo "$me: sipp not found (expected: apt-get install -y sip-tester)" >&2; exit 2; }
  # before the namespace: it has no network for npm
  (cd "$here" && { [ -d node_modules ] || npm ci --no-audit --no-fund; })
  if unshare -n true 2>/dev/null; then
    echo "$me: running in a private network namespace"
    exec env SB_RUN_SIPP_INNER=1 unshare -n bash -c 'ip link set lo up && exec bash "$0"' "$here/run-sipp.sh"
  fi
  echo "$me: unshare -n not permitted here; running on the host's loopback"
fi

# shellcheck source=lib/server.sh
. "$here/lib/server.sh"
sb_require_jar

# The calls test-sipp/sipp.test.js makes to each SIPp (its -m): SIPp exits after that many calls.
answer_calls=1
busy_calls=1
transfer_calls=1
busy_user="8:acs:sipp-busy"
transfer_user="8:acs:sipp-transfer"
key="c3dpdGNoYm9hcmQtanMtc2RrLXNpcHAtbW9kZS1rZXk="

data="$(mktemp -d)"
log="$data/server.log"
http_port="$(sb_free_port tcp)"
incoming_port="$(sb_free_port tcp)"
sip_port="$(sb_free_port udp)"
answer_port="$(sb_free_port udp)"
answer_media="$(sb_free_port udp)"
busy_port="$(sb_free_port udp)"
busy_media="$(sb_free_port udp)"
transfer_port="$(sb_free_port udp)"
transfer_media="$(sb_free_port udp)"
rtp_base=$(( 40000 + (RANDOM % 400) * 20 ))
rtp_ports="$rtp_base-$(( rtp_base + 19 ))"
sb_server_pid=""
answer_pid=""
busy_pid=""
transfer_pid=""
suite_pid=""

stop() {
  sb_stop_pid "$suite_pid"
  sb_stop_pid "$sb_server_pid"
  sb_stop_pid "$answer_pid"
  sb_stop_pid "$busy_pid"
  sb_stop_pid "$transfer_pid"
  rm -rf "$data"
}
trap stop EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

show_logs() {
  echo "$me: last server log lines ($log):" >&2
  tail -n 80 "$log" >&2 || true
  for name in answer busy transfer; do
    echo "$me: last lines of SIPp $name:" >&2
    tail -n 40 "$data/sipp-$name.log" >&2 || true
    if [ -s "$data/sipp-$name-errors.log" ]; then
      echo "$me: SIPp $name errors:" >&2
      tail -n 40 "$data/sipp-$name-errors.log" >&2
    fi
  done
}

# Starts SIPp with a scenario of interop/sipp as a UAS; sets sipp_pid. Usage: start_sipp NAME SCENARIO PORT MEDIA CALLS
start_sipp() {
  local name="$1" scenario="$2" port="$3" media="$4" calls="$5"
  (cd "$sipp_dir" && exec sipp -sf "$scenario" -i 127.0.0.1 -p "$port" -mi 127.0.0.1 -mp "$media" -m "$calls" \
     -timeout 120s -timeout_error -nostdin -trace_err -error_file "$data/sipp-$name-errors.log" \
     </dev/null >"$data/sipp-$name.log" 2>&1) &
  sipp_pid=$!
  # SIPp needs a moment to bind: wait (at most 5 s) until its UDP port shows in /proc/net/udp
  local hex
  hex="$(printf ':%04X' "$port")"
  for _ in $(seq 1 50); do
    if awk -v p="$hex" '$2 ~ p"$" { found = 1 } END { exit !found }' /proc/net/udp; then return 0; fi
    kill -0 "$sipp_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "$me: SIPp $name ($scenario) did not start listening on udp $port" >&2
  show_logs
  exit 1
}

# Waits (at most 20 s) for a SIPp to finish its calls; prints and returns its exit code (0: every call as scripted).
await_sipp() {
  local name="$1" pid="$2" code=0
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "$me: SIPp $name still running 20 s after the suite" >&2
    return 1
  fi
  wait "$pid" || code=$?
  echo "$me: SIPp $name exited with $code"
  return "$code"
}

start_sipp answer uas_answer_dtmf_delayed.xml "$answer_port" "$answer_media" "$answer_calls"
answer_pid=$sipp_pid
start_sipp busy uas_busy.xml "$busy_port" "$busy_media" "$busy_calls"
busy_pid=$sipp_pid
start_sipp transfer uas_answer_refer.xml "$transfer_port" "$transfer_media" "$transfer_calls"
transfer_pid=$sipp_pid

sb_start_server "$log" SWITCHBOARD_HTTP_PORT="$http_port" SWITCHBOARD_HTTP_HOST=127.0.0.1 \
  SWITCHBOARD_SIP_ENABLED=true SWITCHBOARD_SIP_HOST=127.0.0.1 SWITCHBOARD_SIP_PORT="$sip_port" \
  SWITCHBOARD_SIP_TRUNK="sip:127.0.0.1:$answer_port" \
  SWITCHBOARD_SIP_USERS="$busy_user=sip:busy@127.0.0.1:$busy_port,$transfer_user=sip:transfer@127.0.0.1:$transfer_port" \
  SWITCHBOARD_RTP_PORTS="$rtp_ports" SWITCHBOARD_DATA_DIR="$data/server" SWITCHBOARD_ACCESS_KEY="$key" \
  SWITCHBOARD_INCOMING_CALL_URL="http://127.0.0.1:$incoming_port/incoming" SWITCHBOARD_TLS=self-signed
sb_wait_http "$http_port" "$log"
echo "$me: server on https $http_port, sip udp $sip_port, rtp $rtp_ports; SIPp answer on udp $answer_port, busy on udp $busy_port, transfer on udp $transfer_port"

cd "$here"
status=0
NODE_EXTRA_CA_CERTS="$data/server/tls/switchboard.pem" \
  SWITCHBOARD_ENDPOINT="https://127.0.0.1:$http_port" SWITCHBOARD_ACCESS_KEY="$key" SIPP_BUSY_USER="$busy_user" \
  SIPP_TRANSFER_USER="$transfer_user" \
  SWITCHBOARD_SIP_PORT="$sip_port" INCOMING_PORT="$incoming_port" SIPP_DIR="$sipp_dir" \
  timeout 180 node --test --test-concurrency=1 --test-timeout=60000 test-sipp/ &
suite_pid=$! # in the background so that a TERM or INT to this script stops everything at once
wait "$suite_pid" || status=$?
suite_pid=""
if [ "$status" -eq 0 ]; then
  await_sipp answer "$answer_pid" || status=1
  kill -0 "$answer_pid" 2>/dev/null || answer_pid="" # reaped: not to be signalled again
  await_sipp busy "$busy_pid" || status=1
  kill -0 "$busy_pid" 2>/dev/null || busy_pid=""
  await_sipp transfer "$transfer_pid" || status=1
  kill -0 "$transfer_pid" 2>/dev/null || transfer_pid=""
fi
if [ "$status" -ne 0 ]; then
  echo "$me: FAILED (status $status)" >&2
  show_logs
fi
exit "$status"
