package io.switchboard.adapter.sip;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the devices registered for the Identity API's users are ({@link Registrar}): one device per user, the last
 * registration winning, until it expires. Thread-safe: routing reads it from the core's threads, the registrar
 * writes it on the signalling thread.
 */
final class Registrations {

    /** A device's address, where its REGISTER came from, and until when it holds. */
    record Binding(SipUri contact, InetAddress source, Instant expires) {
    }

    private final Map<String, Binding> byUser = new ConcurrentHashMap<>();
    private final Clock clock;

    Registrations(Clock clock) {
        this.clock = clock;
    }

    /** The device registered for the user ({@code 8:acs:...}) now, if any. */
    Optional<SipUri> contact(String userId) {
        Binding binding = byUser.get(userId);
        if (binding == null) {
            return Optional.empty();
        }
        if (!binding.expires().isAfter(clock.instant())) {
            byUser.remove(userId, binding);
            return Optional.empty();
        }
        return Optional.of(binding.contact());
    }

    /** @return whether the user's device is somewhere new (it was not registered, or elsewhere) */
    boolean bind(String userId, SipUri contact, InetAddress source, Instant expires) {
        Instant now = clock.instant();
        byUser.values().removeIf(binding -> !binding.expires().isAfter(now)); // lapsed ones of users never called
        Binding before = byUser.put(userId, new Binding(contact, source, expires));
        return before == null || !before.contact().equals(contact) || !before.expires().isAfter(now);
    }

    void unbind(String userId) {
        byUser.remove(userId);
    }

    /** Whether a device registered now is at {@code source}: its calls in are let through the allow-list. */
    boolean hasDeviceAt(InetAddress source) {
        Instant now = clock.instant();
        return byUser.values().stream().anyMatch(b -> b.expires().isAfter(now) && b.source().equals(source));
    }

    int size() {
        return byUser.size();
    }
}
