package io.switchboard.application.port.in;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.media.Tone;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Send DTMF tones to a connected participant (e.g. to drive a remote IVR). At most 18 tones, as in ACS. */
public record SendDtmfTonesCommand(CallConnectionId callId, String participant, List<Tone> tones,
                                   Optional<String> operationContext, Optional<URI> operationCallbackUri) {

    public static final int MAX_TONES = 18;

    public SendDtmfTonesCommand {
        Objects.requireNonNull(callId, "callId");
        MuteParticipantCommand.requireParticipant("targetParticipant", participant);
        if (tones == null || tones.isEmpty() || tones.size() > MAX_TONES) {
            throw new IllegalArgumentException("tones: " + tones + " (expected: 1 to " + MAX_TONES + " tones)");
        }
        tones = List.copyOf(tones);
        Objects.requireNonNull(operationContext, "operationContext");
        Objects.requireNonNull(operationCallbackUri, "operationCallbackUri");
    }
}
