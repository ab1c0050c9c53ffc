package io.switchboard.domain.recording;

import io.switchboard.domain.participant.CommunicationIdentifier;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the application asked a recording to be.
 *
 * @param channels      mixed or unmixed
 * @param channelOrder  unmixed: the participants to put on channels 0, 1, …, before those in join order
 * @param stateCallback where its {@code RecordingStateChanged} events go instead of the call's callback
 * @param pauseOnStart  whether it starts paused
 */
public record RecordingSpec(RecordingChannels channels, List<CommunicationIdentifier> channelOrder,
                            Optional<URI> stateCallback, boolean pauseOnStart) {

    public RecordingSpec {
        Objects.requireNonNull(channels, "recordingChannelType");
        channelOrder = List.copyOf(channelOrder);
        Objects.requireNonNull(stateCallback, "recordingStateCallbackUri");
        if (channelOrder.size() > RecordingChannels.PARTICIPANT_CHANNELS) {
            throw new IllegalArgumentException("audioChannelParticipantOrdering: " + channelOrder.size()
                    + " participants (expected: at most " + RecordingChannels.PARTICIPANT_CHANNELS + ")");
        }
        if (new HashSet<>(channelOrder.stream().map(CommunicationIdentifier::rawId).toList()).size()
                != channelOrder.size()) {
            throw new IllegalArgumentException("audioChannelParticipantOrdering: a participant is named twice "
                    + "(expected: each at most once)");
        }
        if (!channelOrder.isEmpty() && channels != RecordingChannels.UNMIXED) {
            throw new IllegalArgumentException("audioChannelParticipantOrdering: only for recordingChannelType "
                    + "unmixed (expected: no ordering for a mixed recording)");
        }
    }

    /** A mixed recording, started at once, reported to the call's callback. */
    public static RecordingSpec mixed() {
        return new RecordingSpec(RecordingChannels.MIXED, List.of(), Optional.empty(), false);
    }
}
