package io.switchboard.adapter.sandbox;

import io.switchboard.application.port.out.DialRequest;
import io.switchboard.application.port.out.PlaybackRequest;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.media.AudioClip;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.CommunicationUserIdentifier;
import io.switchboard.domain.participant.PhoneNumberIdentifier;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Short timings and ready-made requests for sandbox tests. */
final class SandboxFixtures {

    static final SandboxConfig FAST = new SandboxConfig(Duration.ofMillis(100), Duration.ofMillis(200),
            Duration.ofMillis(50), Duration.ofMillis(50));
    static final Duration LONG_RING = Duration.ofSeconds(3);
    static final CallConnectionId CALL = CallConnectionId.of("call-1");
    static final LegId LEG = LegId.of("leg-1");

    private SandboxFixtures() {
    }

    static PhoneNumberIdentifier number(String e164) {
        return new PhoneNumberIdentifier(e164);
    }

    static CommunicationUserIdentifier user(String id) {
        return new CommunicationUserIdentifier(id);
    }

    static DialRequest dialling(CommunicationIdentifier target) {
        return dialling(target, LONG_RING);
    }

    static DialRequest dialling(CommunicationIdentifier target, Duration ringTimeout) {
        return new DialRequest(CALL, LEG, target, Optional.of(number("+15550100999")), ringTimeout);
    }

    /** A silent clip of the given length at 8 kHz. */
    static AudioClip clipOf(Duration length) {
        return new AudioClip("silence-" + length.toMillis(), new short[(int) (length.toMillis() * 8)]);
    }

    static PlaybackRequest playing(String operation, Duration length, boolean loop, LegId... legs) {
        return new PlaybackRequest(CALL, MediaOperationId.of(operation), List.of(legs), clipOf(length), loop);
    }
}
