package io.switchboard.adapter.sip;

import io.switchboard.application.port.out.RegistrationRecords;
import io.switchboard.application.port.out.RegistrationRecords.Registration;

import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the devices registered for the Identity API's users are ({@link Registrar}): one device per user, the last
 * registration winning, until it expires. Each binding is also kept in the {@link RegistrationRecords}, from which
 * a new start takes the ones that still hold. Thread-safe: routing reads it from the core's threads, the registrar
 * writes it on the signalling thread.
 */
final class Registrations {

    /** A device's address, where its REGISTER came from, and until when it holds. */
    record Binding(SipUri contact, InetAddress source, Instant expires) {
    }

    private static final System.Logger LOG = System.getLogger(SipTelephony.class.getName());

    private final Map<String, Binding> byUser = new ConcurrentHashMap<>();
    private final Clock clock;
    private final RegistrationRecords records;

    Registrations(Clock clock, RegistrationRecords records) {
        this.clock = clock;
        this.records = records;
    }

    /**
     * Takes the registrations kept by the last run that still hold (blocks on the records); one kept in a form this
     * version cannot read is left out, said once in the log.
     *
     * @return how many were taken
     */
    int restore() {
        int taken = 0;
        int unreadable = 0;
        for (Registration kept : records.kept(clock.instant())) {
            try {
                SipUri contact = SipUri.parse("registration of " + kept.user(), kept.contact(), "sip:user@host:port");
                InetAddress source = InetAddress.getByName(kept.source()); // an address literal: no lookup
                if (byUser.putIfAbsent(kept.user(), new Binding(contact, source, kept.expires())) == null) {
                    taken++; // (a device that registered since the start keeps its new binding)
                }
            } catch (IllegalArgumentException | UnknownHostException e) {
                unreadable++;
            }
        }
        if (taken > 0) {
            LOG.log(Level.INFO, "SIP registrar: " + taken + " device(s) registered before the last stop reachable again");
        }
        if (unreadable > 0) {
            LOG.log(Level.WARNING, "SIP registrar: " + unreadable + " kept registration(s) unreadable, left out");
        }
        return taken;
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
        records.bound(new Registration(userId, contact.toString(), source.getHostAddress(), expires));
        return before == null || !before.contact().equals(contact) || !before.expires().isAfter(now);
    }

    void unbind(String userId) {
        byUser.remove(userId);
        records.unbound(userId);
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
