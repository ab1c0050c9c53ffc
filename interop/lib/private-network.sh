# Sourced by the interop suites: runs a command in a private network namespace (only its own loopback, so that
# suites and anything else on the machine never meet on a port), or on the host's loopback where unshare is not
# permitted. Usage: run_in_private_network NAME COMMAND [ARGUMENT...]   (replaces the calling shell)
run_in_private_network() {
    local name="$1"
    shift
    if unshare -n true 2>/dev/null; then
        echo "$name: running in a private network namespace"
        exec unshare -n bash -c "ip link set lo up && $(printf '%q ' "$@")"
    fi
    echo "$name: unshare -n not permitted here; running on the host's loopback"
    exec "$@"
}
