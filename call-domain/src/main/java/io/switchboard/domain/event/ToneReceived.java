package io.switchboard.domain.event;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.participant.Participant;

/**
 * A participant pressed a key.
 *
 * @param sequenceId counts key presses of the call from 1
 */
public record ToneReceived(CallConnectionId callId, Participant from, Tone tone, int sequenceId) implements CallEvent {
}
