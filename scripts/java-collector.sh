# Sourced by ./switchboard and the benchmarks: the garbage collector Switchboard runs with unless told otherwise.
#
# Shenandoah collects concurrently, with pauses well under a millisecond, so the RTP pacers never stand still for a
# collection: under G1, the JVM's default, its young collections stop every thread for 40-100 ms now and then under
# load, the pacers included (README, "The garbage collector"). A JVM built without Shenandoah (Oracle's) keeps its
# default; options that already name a collector (-XX:+Use...GC) are left alone.
#
# Usage: options=($(switchboard_collector $JAVA_OPTS))   prints -XX:+UseShenandoahGC, or nothing
switchboard_collector() {
    local option
    for option in "$@"; do
        if [[ $option =~ ^-XX:\+Use[A-Za-z0-9]*GC$ ]]; then
            return 0
        fi
    done
    if java -XX:+UseShenandoahGC -version >/dev/null 2>&1; then
        echo -XX:+UseShenandoahGC
    fi
}
