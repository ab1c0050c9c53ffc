package io.switchboard.adapter.sip;

import java.util.Objects;
import java.util.Optional;

/**
 * Where and as whom an INVITE goes.
 *
 * @param target            Request-URI and To
 * @param fromUser          the From user part: the caller id, or the configured default
 * @param fromHost          the From host part
 * @param assertedIdentity  the P-Asserted-Identity URI (RFC 3325) for trunk calls with a caller id
 * @param trunk             present when the leg goes through the trunk (whose credentials answer challenges)
 */
record Route(SipUri target, String fromUser, String fromHost, Optional<String> assertedIdentity,
             Optional<SipTrunk> trunk) {

    Route {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(fromUser, "fromUser");
        Objects.requireNonNull(fromHost, "fromHost");
        Objects.requireNonNull(assertedIdentity, "assertedIdentity");
        Objects.requireNonNull(trunk, "trunk");
    }
}
