package io.switchboard.application.service;

import io.switchboard.application.port.in.CancelMediaProcessingCommand;
import io.switchboard.application.port.in.CancelMediaProcessingUseCase;
import io.switchboard.application.port.in.PlayAudioCommand;
import io.switchboard.application.port.in.PlayAudioUseCase;
import io.switchboard.application.port.out.IdGenerator;
import io.switchboard.application.port.out.PlaybackRequest;
import io.switchboard.application.port.out.Telephony;
import io.switchboard.domain.call.Call;
import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.CallState;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.Transition;
import io.switchboard.domain.media.AudioClip;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.Participant;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Plays audio into calls and cancels media operations. */
public final class PlayService implements PlayAudioUseCase, CancelMediaProcessingUseCase {

    private final Calls calls;
    private final Telephony telephony;
    private final Clips clips;
    private final IdGenerator ids;
    private final MediaReactions reactions;

    PlayService(Calls calls, Telephony telephony, Clips clips, IdGenerator ids, MediaReactions reactions) {
        this.calls = calls;
        this.telephony = telephony;
        this.clips = clips;
        this.ids = ids;
        this.reactions = reactions;
    }

    @Override
    public CompletionStage<PlayOperation> playAudio(PlayAudioCommand command) {
        return calls.onCall(command.callId(), call -> {
            Clips.file(command.source());
            List<LegId> audience = audience(call, command.playTo());
            PlayOperation operation = PlayOperation.requested(MediaOperationId.of(ids.newId()), command.source(),
                    command.loop(), command.operationContext(), command.operationCallbackUri());
            reactions.after(call, calls.apply(call.startPlay(operation, command.interrupt())));
            clips.fetch(command.source()).whenComplete((clip, error) ->
                    calls.report(call.id(), current -> fetched(current, operation, audience, clip, error)));
            return operation;
        });
    }

    /** The legs of the named connected participants; empty for "everyone". */
    private static List<LegId> audience(Call call, List<CommunicationIdentifier> playTo) {
        return playTo.stream().map(target -> call.participant(target.rawId()).filter(Participant::isConnected)
                .orElseThrow(() -> new CallAutomationException(ErrorCode.PARTICIPANT_NOT_FOUND,
                        "playTo: " + target.rawId() + " is not connected to call " + call.id() + ".")).leg())
                .toList();
    }

    private Transition fetched(Call call, PlayOperation operation, List<LegId> audience, AudioClip clip,
                               Throwable error) {
        if (error != null) {
            return call.playEnded(PlayOperation.Outcome.failed(operation.id(), Clips.why(error)));
        }
        // a call hung up or ended while fetching has already had its playback stopped: starting it now would leave a
        // playback (looped, perhaps) that nothing stops
        boolean stillWanted = call.state() == CallState.CONNECTED
                && call.play().filter(p -> p.isActive() && p.id().equals(operation.id())).isPresent();
        if (stillWanted) {
            // "everyone" leaves out held participants: they hear their hold music, not the call
            List<LegId> legs = audience.isEmpty()
                    ? call.connectedParticipants().stream().filter(p -> !p.onHold()).map(Participant::leg).toList()
                    : audience;
            telephony.play(new PlaybackRequest(call.id(), operation.id(), legs, clip, operation.loop()));
        }
        return Transition.of(call);
    }

    @Override
    public CompletionStage<Optional<PlayOperation>> cancelMediaProcessing(CancelMediaProcessingCommand command) {
        return calls.onCall(command.callId(), call -> {
            Optional<PlayOperation> running = call.play().filter(PlayOperation::isActive);
            reactions.after(call, calls.apply(call.cancelMedia()));
            return running;
        });
    }
}
