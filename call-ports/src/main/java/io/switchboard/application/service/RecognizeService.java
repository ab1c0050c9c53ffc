package io.switchboard.application.service;

import io.switchboard.application.port.in.RecognizeCommand;
import io.switchboard.application.port.in.RecognizeUseCase;
import io.switchboard.application.port.out.IdGenerator;
import io.switchboard.application.port.out.PlaybackRequest;
import io.switchboard.application.port.out.Telephony;
import io.switchboard.domain.call.Call;
import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.call.Transition;
import io.switchboard.domain.media.AudioClip;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.domain.media.RecognizeOperation;
import io.switchboard.domain.participant.Participant;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Runs DTMF recognitions: the prompt is played under the recognition's own operation id, so that telephony's
 * {@code playEnded} for it moves the recognition to collecting; silence timers are set by {@link MediaReactions}.
 */
public final class RecognizeService implements RecognizeUseCase {

    private final Calls calls;
    private final Telephony telephony;
    private final Clips clips;
    private final IdGenerator ids;
    private final MediaReactions reactions;

    RecognizeService(Calls calls, Telephony telephony, Clips clips, IdGenerator ids, MediaReactions reactions) {
        this.calls = calls;
        this.telephony = telephony;
        this.clips = clips;
        this.ids = ids;
        this.reactions = reactions;
    }

    @Override
    public CompletionStage<RecognizeOperation> recognize(RecognizeCommand command) {
        return calls.onCall(command.callId(), call -> {
            command.prompt().ifPresent(Clips::file);
            Participant target = call.participant(command.participant()).orElseThrow(() ->
                    new CallAutomationException(ErrorCode.PARTICIPANT_NOT_FOUND, "Participant "
                            + command.participant() + " is not in call " + call.id() + "."));
            RecognizeOperation operation = RecognizeOperation.requested(MediaOperationId.of(ids.newId()),
                    target.leg(), command.options(), command.prompt(), command.interruptPrompt(),
                    command.operationContext(), command.operationCallbackUri());
            reactions.after(call, calls.apply(call.startRecognize(operation, command.interrupt())));
            command.prompt().ifPresent(prompt -> clips.fetch(prompt).whenComplete((clip, error) ->
                    calls.report(call.id(), current -> fetched(current, operation, clip, error), reactions::after)));
            return operation;
        });
    }

    private Transition fetched(Call call, RecognizeOperation operation, AudioClip clip, Throwable error) {
        if (error != null) {
            return call.playEnded(PlayOperation.Outcome.failed(operation.id(), Clips.why(error)));
        }
        boolean stillPrompting = call.recognize().filter(r -> r.id().equals(operation.id()) && r.prompting())
                .isPresent();
        if (stillPrompting) {
            telephony.play(new PlaybackRequest(call.id(), operation.id(), List.of(operation.target()), clip, false));
        }
        return Transition.of(call);
    }
}
