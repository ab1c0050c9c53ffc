package io.switchboard.application.service;

import io.switchboard.application.port.in.CancelMediaProcessingCommand;
import io.switchboard.application.port.in.CancelMediaProcessingUseCase;
import io.switchboard.application.port.in.PlayAudioCommand;
import io.switchboard.application.port.in.PlayAudioUseCase;
import io.switchboard.application.port.out.IdGenerator;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.domain.participant.CommunicationIdentifier;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Plays audio into calls and cancels media operations; the call's transitions say what telephony does. */
public final class PlayService implements PlayAudioUseCase, CancelMediaProcessingUseCase {

    private final Calls calls;
    private final Clips clips;
    private final IdGenerator ids;

    PlayService(Calls calls, Clips clips, IdGenerator ids) {
        this.calls = calls;
        this.clips = clips;
        this.ids = ids;
    }

    @Override
    public CompletionStage<PlayOperation> playAudio(PlayAudioCommand command) {
        return calls.onOperation(command.callId(), command.operationCallbackUri(), (call, replyTo) -> {
            clips.check(command.source());
            PlayOperation operation = PlayOperation.requested(MediaOperationId.of(ids.newId()), command.source(),
                    command.loop(), command.operationContext(), replyTo);
            calls.apply(call.startPlay(operation,
                    command.playTo().stream().map(CommunicationIdentifier::rawId).toList(), command.interrupt()));
            return operation;
        });
    }

    @Override
    public CompletionStage<Optional<PlayOperation>> cancelMediaProcessing(CancelMediaProcessingCommand command) {
        return calls.onCall(command.callId(), call -> {
            Optional<PlayOperation> running = call.play().filter(PlayOperation::isActive);
            calls.apply(call.cancelMedia());
            return running;
        });
    }
}
