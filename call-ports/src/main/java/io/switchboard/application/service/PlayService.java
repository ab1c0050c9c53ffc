package io.switchboard.application.service;

import io.switchboard.application.port.in.CancelMediaProcessingCommand;
import io.switchboard.application.port.in.CancelMediaProcessingUseCase;
import io.switchboard.application.port.in.PlayAudioCommand;
import io.switchboard.application.port.in.PlayAudioUseCase;
import io.switchboard.application.port.out.AudioUnavailableException;
import io.switchboard.application.port.out.IdGenerator;
import io.switchboard.application.port.out.MediaFetcher;
import io.switchboard.application.port.out.PlaybackRequest;
import io.switchboard.application.port.out.Telephony;
import io.switchboard.domain.call.Call;
import io.switchboard.domain.call.CallState;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.call.Transition;
import io.switchboard.domain.media.AudioClip;
import io.switchboard.domain.media.FilePlaySource;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.domain.participant.Participant;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/** Plays audio into calls and cancels it. */
public final class PlayService implements PlayAudioUseCase, CancelMediaProcessingUseCase {

    private final Calls calls;
    private final Telephony telephony;
    private final MediaFetcher fetcher;
    private final IdGenerator ids;

    PlayService(Calls calls, Telephony telephony, MediaFetcher fetcher, IdGenerator ids) {
        this.calls = calls;
        this.telephony = telephony;
        this.fetcher = fetcher;
        this.ids = ids;
    }

    @Override
    public CompletionStage<PlayOperation> playAudio(PlayAudioCommand command) {
        return calls.onCall(command.callId(), call -> {
            PlayOperation operation = PlayOperation.requested(MediaOperationId.of(ids.newId()), command.source(),
                    command.loop(), command.operationContext());
            calls.apply(call.startPlay(operation));
            FilePlaySource source = (FilePlaySource) command.source();
            fetch(source).whenComplete((clip, error) ->
                    calls.report(call.id(), current -> fetched(current, operation, clip, error)));
            return operation;
        });
    }

    private CompletionStage<AudioClip> fetch(FilePlaySource source) {
        try {
            return fetcher.fetch(source);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private Transition fetched(Call call, PlayOperation operation, AudioClip clip, Throwable error) {
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            ResultInformation why = cause instanceof AudioUnavailableException unavailable
                    ? unavailable.result() : ResultInformation.downloadFailed(String.valueOf(cause.getMessage()));
            return call.playEnded(PlayOperation.Outcome.failed(operation.id(), why));
        }
        // a call hung up or ended while fetching has already had its playback stopped: starting it now would leave a
        // playback (looped, perhaps) that nothing stops
        boolean stillWanted = call.state() == CallState.CONNECTED
                && call.play().filter(p -> p.isActive() && p.id().equals(operation.id())).isPresent();
        if (stillWanted) {
            telephony.play(new PlaybackRequest(call.id(), operation.id(),
                    call.connectedParticipants().stream().map(Participant::leg).toList(), clip, operation.loop()));
        }
        return Transition.of(call);
    }

    @Override
    public CompletionStage<Optional<PlayOperation>> cancelMediaProcessing(CancelMediaProcessingCommand command) {
        return calls.onCall(command.callId(), call -> {
            Optional<PlayOperation> running = call.play().filter(PlayOperation::isActive);
            calls.apply(call.cancelMedia());
            running.ifPresent(p -> telephony.stopPlayback(call.id(), p.id()));
            return running;
        });
    }
}
