package io.switchboard.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The devices registered for the Identity API's users, kept while their registrations hold, so that a server that
 * restarts (a crash, an upgrade) still reaches them instead of waiting for each to register again (devices refresh
 * every 30 to 60 minutes). The telephony adapter writes each binding in its own text form and is the only one to read
 * it. Thread-safe; writes never block.
 */
public interface RegistrationRecords {

    /** Keeps nothing: after a restart, each device is reachable again once it next registers. */
    RegistrationRecords NONE = new RegistrationRecords() {
        @Override
        public void bound(Registration registration) {
        }

        @Override
        public void unbound(String user) {
        }

        @Override
        public List<Registration> kept(Instant now) {
            return List.of();
        }
    };

    /**
     * A user's device.
     *
     * @param user    the user's id ({@code 8:acs:...})
     * @param contact where the device is reached, in the adapter's text form
     * @param source  the address its registration came from
     * @param expires until when the registration holds
     */
    record Registration(String user, String contact, String source, Instant expires) {

        public Registration {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(contact, "contact");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(expires, "expires");
        }
    }

    /** Keeps a user's device, replacing the one kept for that user before (in the background). */
    void bound(Registration registration);

    /** Forgets a user's device: it unregistered. */
    void unbound(String user);

    /** The registrations kept that still hold at {@code now} (the others are forgotten). Read at start (blocks). */
    List<Registration> kept(Instant now);
}
