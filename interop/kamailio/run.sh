#!/usr/bin/env bash
# Kamailio (Debian package kamailio) as the carrier in front of Switchboard's trunks (carrier.cfg), with a SIPp callee
# behind it: a burst of 500 create requests never goes over the carrier's channels or calls per second (it would
# refuse them with 503), a carrier that is down is failed over from, the trunk registers with digest, and the
# messages name the public address behind NAT. Runs KamailioCarrierInteropTest in a private network namespace.
# Usage: interop/kamailio/run.sh   exit code 0 when the carrier saw what it should
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

for tool in kamailio sipp; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "interop/kamailio/run.sh: $tool not found (expected: apt-get install -y kamailio sip-tester)" >&2
        exit 2
    fi
done

# -am builds what the two modules need in this reactor, so nothing has to be installed first; only the interop
# test class runs (the rest ran in `mvn -B verify`).
mvn_cmd=(mvn -B -o -q -f "$root/pom.xml" -pl adapter-sip,app-vertx -am package -Dinterop=true
         -Dtest=KamailioCarrierInteropTest -Dsurefire.failIfNoSpecifiedTests=false "-Dsipp.dir=$root/interop/sipp"
         "-Dkamailio.config=$here/carrier.cfg")
# shellcheck source=../lib/private-network.sh
. "$root/interop/lib/private-network.sh"
run_in_private_network interop/kamailio/run.sh "${mvn_cmd[@]}"
