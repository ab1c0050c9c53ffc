# Shell helpers shared by run.sh (sandbox phone network) and run-sipp.sh (SIPp as the SIP trunk). Source it after
# setting `root`; nothing here runs on its own.

# A port nobody listens on at this moment: sb_free_port tcp|udp
sb_free_port() {
  python3 -c 'import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM if sys.argv[1] == "udp" else socket.SOCK_STREAM)
s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' "$1"
}

# Sets sb_jar to the server jar built by `mvn -B verify` (these scripts build nothing); exits 2 when it is missing.
sb_require_jar() {
  sb_jar="$root/app-vertx/target/switchboard.jar"
  [ -f "$sb_jar" ] || { echo "$(basename "$0"): $sb_jar not found (build with: mvn -B verify)" >&2; exit 2; }
}

# Starts the jar (sb_require_jar first) in the background with the environment given as NAME=value arguments, output to LOG,
# with the collector ./switchboard chooses (scripts/java-collector.sh).
# Sets sb_server_pid.  Usage: sb_start_server LOG NAME=value...
sb_start_server() {
  local log="$1"; shift
  if [ -z "${sb_collector+set}" ]; then # asked of the JVM once, not at every start
    # shellcheck source=../../../scripts/java-collector.sh
    source "$root/scripts/java-collector.sh"
    sb_collector=$(switchboard_collector)
  fi
  # shellcheck disable=SC2086 # an option or none
  env "$@" java $sb_collector -jar "$sb_jar" >"$log" 2>&1 &
  sb_server_pid=$!
}

# Waits (at most 30 s) until the server accepts TCP connections on PORT; exits 1 with its log if it stops or never
# listens.  Usage: sb_wait_http PORT LOG
sb_wait_http() {
  local port="$1" log="$2"
  for _ in $(seq 1 150); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    kill -0 "$sb_server_pid" 2>/dev/null || { echo "$(basename "$0"): the server stopped:" >&2; cat "$log" >&2; exit 1; }
    sleep 0.2
  done
  echo "$(basename "$0"): the server did not listen on $port within 30 s:" >&2
  tail -n 60 "$log" >&2
  exit 1
}

# SIGTERM to PID, up to 10 s for it to go, then SIGKILL.  Usage: sb_stop_pid PID
sb_stop_pid() {
  local pid="$1"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  fi
}
