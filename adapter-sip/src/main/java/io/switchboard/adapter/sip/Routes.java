package io.switchboard.adapter.sip;

import io.switchboard.application.port.out.DialRequest;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.CommunicationUserIdentifier;
import io.switchboard.domain.participant.PhoneNumberIdentifier;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which targets this adapter reaches, and how: phone numbers through the trunks that carry them (the longest
 * matching prefix first), users by the users map, else by the device registered for them. Thread-safe.
 */
final class Routes {

    private final SipConfig config;
    private final Registrations registrations;

    Routes(SipConfig config, Registrations registrations) {
        this.config = config;
        this.registrations = registrations;
    }

    boolean canReach(CommunicationIdentifier target) {
        if (target instanceof PhoneNumberIdentifier phone) {
            return !trunksFor(phone).isEmpty();
        }
        return target instanceof CommunicationUserIdentifier user && (config.users().containsKey(user.rawId())
                || registrations.contact(user.rawId()).isPresent());
    }

    /**
     * The trunks that carry a number, in the order to try them: the longest matching prefix first, then in the
     * configuration's order (a trunk without prefixes matches every number, as the shortest).
     */
    List<SipTrunk> trunksFor(PhoneNumberIdentifier phone) {
        return config.trunks().stream().filter(trunk -> trunk.match(phone.value()) >= 0)
                .sorted(Comparator.comparingInt((SipTrunk trunk) -> trunk.match(phone.value())).reversed())
                .toList();
    }

    /** The route of a dial request (a number through its first trunk), empty when {@link #canReach} is false. */
    Optional<Route> route(DialRequest request) {
        if (request.target() instanceof PhoneNumberIdentifier phone) {
            return trunksFor(phone).stream().findFirst().map(trunk -> through(request, phone, trunk));
        }
        return address(request.target()).map(target -> new Route(target, fromUser(request),
                config.advertised().sipAddress(config.host()), Optional.empty(), Optional.empty()));
    }

    /** The route of a dial request to a number through the given trunk. */
    Route through(DialRequest request, PhoneNumberIdentifier phone, SipTrunk trunk) {
        Optional<String> callerId = request.callerId().map(PhoneNumberIdentifier::value);
        return new Route(at(trunk, phone), fromUser(request), trunk.host(),
                callerId.map(id -> "<sip:" + id + "@" + trunk.host() + ">"), Optional.of(trunk));
    }

    private String fromUser(DialRequest request) {
        return request.callerId().map(PhoneNumberIdentifier::value).orElse(config.defaultCallerId());
    }

    /** RFC 3966-style user part: the E.164 number itself, at the trunk. */
    private static SipUri at(SipTrunk trunk, PhoneNumberIdentifier phone) {
        return new SipUri(Optional.of(phone.value()), Optional.empty(), trunk.host(), trunk.port(), trunk.transport());
    }

    /** The SIP address a leg to the target is sent to (Request-URI and To), empty when {@link #canReach} is false. */
    Optional<SipUri> address(CommunicationIdentifier target) {
        if (target instanceof PhoneNumberIdentifier phone) {
            return trunksFor(phone).stream().findFirst().map(trunk -> at(trunk, phone));
        }
        if (target instanceof CommunicationUserIdentifier user) {
            return config.users().containsKey(user.rawId()) ? Optional.of(config.userUri(user.rawId()))
                    : registrations.contact(user.rawId());
        }
        return Optional.empty();
    }
}
