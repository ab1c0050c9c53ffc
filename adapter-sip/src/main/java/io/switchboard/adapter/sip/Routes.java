package io.switchboard.adapter.sip;

import io.switchboard.application.port.out.DialRequest;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.CommunicationUserIdentifier;
import io.switchboard.domain.participant.PhoneNumberIdentifier;

import java.util.Optional;

/**
 * Which targets this adapter reaches, and how: phone numbers through the trunk, users by the users map, else by the
 * device registered for them. Thread-safe.
 */
final class Routes {

    private final SipConfig config;
    private final Registrations registrations;

    Routes(SipConfig config, Registrations registrations) {
        this.config = config;
        this.registrations = registrations;
    }

    boolean canReach(CommunicationIdentifier target) {
        if (target instanceof PhoneNumberIdentifier) {
            return config.trunk().isPresent();
        }
        return target instanceof CommunicationUserIdentifier user && (config.users().containsKey(user.rawId())
                || registrations.contact(user.rawId()).isPresent());
    }

    /** The route of a dial request, empty when {@link #canReach} is false. */
    Optional<Route> route(DialRequest request) {
        Optional<String> callerId = request.callerId().map(PhoneNumberIdentifier::value);
        String fromUser = callerId.orElse(config.defaultCallerId());
        Optional<SipUri> target = address(request.target());
        if (target.isEmpty()) {
            return Optional.empty();
        }
        if (request.target() instanceof PhoneNumberIdentifier) {
            SipTrunk trunk = config.trunk().orElseThrow();
            return Optional.of(new Route(target.get(), fromUser, trunk.host(),
                    callerId.map(id -> "<sip:" + id + "@" + trunk.host() + ">"), Optional.of(trunk)));
        }
        return Optional.of(new Route(target.get(), fromUser, config.advertised().sipAddress(config.host()),
                Optional.empty(), Optional.empty()));
    }

    /** The SIP address a leg to the target is sent to (Request-URI and To), empty when {@link #canReach} is false. */
    Optional<SipUri> address(CommunicationIdentifier target) {
        if (target instanceof PhoneNumberIdentifier phone && config.trunk().isPresent()) {
            SipTrunk trunk = config.trunk().get();
            // RFC 3966-style user part: the E.164 number itself, at the trunk.
            return Optional.of(new SipUri(Optional.of(phone.value()), Optional.empty(), trunk.host(), trunk.port(),
                    trunk.transport()));
        }
        if (target instanceof CommunicationUserIdentifier user) {
            return config.users().containsKey(user.rawId()) ? Optional.of(config.userUri(user.rawId()))
                    : registrations.contact(user.rawId());
        }
        return Optional.empty();
    }
}
