package io.switchboard.application.service;

import io.switchboard.application.port.out.Telephony;
import io.switchboard.application.port.out.Timers;
import io.switchboard.domain.call.Call;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.domain.media.RecognizeOperation;

import java.time.Duration;
import java.util.Optional;

/**
 * What telephony must be told after a call changed, judged by comparing the call before and after: playbacks that
 * ended in the domain (canceled, interrupted, the call ended, a prompt cut short by a tone) are stopped, and a
 * recognition that starts collecting or collected a tone gets its silence timer, a participant left alone after the
 * application left is hung up. Runs on the call's executor.
 */
final class MediaReactions {

    private final Calls calls;
    private final Telephony telephony;
    private final Timers timers;

    MediaReactions(Calls calls, Telephony telephony, Timers timers) {
        this.calls = calls;
        this.telephony = telephony;
        this.timers = timers;
    }

    void after(Call before, Call after) {
        stopEndedPlay(before, after);
        stopEndedPrompt(before, after);
        scheduleSilenceTimer(before, after);
        hangUpLoneParticipant(before, after);
    }

    /** After the application left a conference, a participant left alone in it is hung up, as ACS does. */
    private void hangUpLoneParticipant(Call before, Call after) {
        if (after.state().isEnded() && after.participants().size() == 1 && before.participants().size() > 1) {
            telephony.hangUp(after.participants().get(0).leg());
        }
    }

    private void stopEndedPlay(Call before, Call after) {
        before.play().filter(PlayOperation::isActive)
                .filter(p -> after.play().filter(q -> q.isActive() && q.id().equals(p.id())).isEmpty())
                .ifPresent(p -> telephony.stopPlayback(before.id(), p.id()));
    }

    private void stopEndedPrompt(Call before, Call after) {
        before.recognize().filter(RecognizeOperation::prompting)
                .filter(r -> after.recognize().filter(q -> q.prompting() && q.id().equals(r.id())).isEmpty())
                .ifPresent(r -> telephony.stopPlayback(before.id(), r.id()));
    }

    private void scheduleSilenceTimer(Call before, Call after) {
        Optional<RecognizeOperation> collecting = after.recognize().filter(r -> !r.prompting());
        if (collecting.isEmpty() || before.recognize().equals(collecting)) {
            return;
        }
        RecognizeOperation operation = collecting.get();
        int tonesSoFar = operation.tonesSoFar();
        Duration silence = tonesSoFar == 0 ? operation.options().initialSilenceTimeout()
                : operation.options().interToneTimeout();
        timers.schedule(silence, () -> calls.report(after.id(),
                call -> call.recognizeTimedOut(operation.id(), tonesSoFar), this::after));
    }
}
