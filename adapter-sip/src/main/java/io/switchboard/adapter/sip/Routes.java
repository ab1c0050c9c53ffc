package io.switchboard.adapter.sip;

import io.switchboard.application.port.out.DialRequest;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.CommunicationUserIdentifier;
import io.switchboard.domain.participant.PhoneNumberIdentifier;

import java.util.Optional;

/** Which targets this adapter reaches, and how: phone numbers through the trunk, users by the users map. Immutable. */
final class Routes {

    private final SipConfig config;

    Routes(SipConfig config) {
        this.config = config;
    }

    boolean canReach(CommunicationIdentifier target) {
        if (target instanceof PhoneNumberIdentifier) {
            return config.trunk().isPresent();
        }
        return target instanceof CommunicationUserIdentifier user && config.users().containsKey(user.rawId());
    }

    /** The route of a dial request, empty when {@link #canReach} is false. */
    Optional<Route> route(DialRequest request) {
        Optional<String> callerId = request.callerId().map(PhoneNumberIdentifier::value);
        String fromUser = callerId.orElse(config.defaultCallerId());
        if (request.target() instanceof PhoneNumberIdentifier phone && config.trunk().isPresent()) {
            SipTrunk trunk = config.trunk().get();
            // RFC 3966-style user part: the E.164 number itself, at the trunk.
            SipUri target = new SipUri(Optional.of(phone.value()), Optional.empty(), trunk.host(), trunk.port(), "udp");
            return Optional.of(new Route(target, fromUser, trunk.host(),
                    callerId.map(id -> "<sip:" + id + "@" + trunk.host() + ">"), Optional.of(trunk)));
        }
        if (request.target() instanceof CommunicationUserIdentifier user && config.users().containsKey(user.rawId())) {
            return Optional.of(new Route(config.userUri(user.rawId()), fromUser, config.host(), Optional.empty(),
                    Optional.empty()));
        }
        return Optional.empty();
    }
}
