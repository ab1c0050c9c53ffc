package io.switchboard.domain.connection;

import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.CallState;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.OperationCallback;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.event.CallEvent;
import io.switchboard.domain.event.HoldFailed;
import io.switchboard.domain.event.PlayCanceled;
import io.switchboard.domain.event.PlayCompleted;
import io.switchboard.domain.event.PlayFailed;
import io.switchboard.domain.event.RecognizeCanceled;
import io.switchboard.domain.event.RecognizeCompleted;
import io.switchboard.domain.event.RecognizeFailed;
import io.switchboard.domain.media.HoldMusic;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.OperationStatus;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.domain.media.PlaySource;
import io.switchboard.domain.media.RecognizeInput;
import io.switchboard.domain.media.RecognizeOperation;
import io.switchboard.domain.media.RecognizedSpeech;
import io.switchboard.domain.media.SpeechSignal;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.participant.Participant;
import io.switchboard.domain.telephony.TelephonyCommand.StartListening;
import io.switchboard.domain.telephony.TelephonyCommand.StartMedia;
import io.switchboard.domain.telephony.TelephonyCommand.StartSilenceTimer;
import io.switchboard.domain.telephony.TelephonyCommand.StopListening;
import io.switchboard.domain.telephony.TelephonyCommand.StopMedia;
import io.switchboard.domain.telephony.TelephonyCommand;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The media transitions of a call, every kind through one path: a play, a recognition's prompt and hold music are
 * media operations started with {@link StartMedia}, played to the audience {@link #audience} names when their audio
 * is ready, ended by {@link #ended} when telephony reports it, and stopped with {@link StopMedia} when they end in
 * the call first. A play or recognition runs one at a time; each held participant may have its music. Pure.
 */
final class CallMedia {

    private CallMedia() {
    }

    static Transition startPlay(Call call, PlayOperation operation, List<String> playTo, boolean interrupt) {
        call.requireConnected();
        List<LegId> legs = playTo.stream().map(target -> call.participant(target).filter(Participant::isConnected)
                .orElseThrow(() -> new CallAutomationException(ErrorCode.PARTICIPANT_NOT_FOUND,
                        "playTo: " + target + " is not connected to call " + call.id() + ".")).leg())
                .toList();
        return clear(call, interrupt)
                .then(c -> Transition.of(c.withMedia(c.media().withPlay(Optional.of(operation), legs))))
                .and(new StartMedia(operation.id(), operation.source(), operation.loop()));
    }

    static Transition startRecognize(Call call, RecognizeOperation operation, boolean interrupt) {
        call.requireConnected();
        call.participant(operation.target()).filter(Participant::isConnected).orElseThrow(() ->
                new CallAutomationException(ErrorCode.PARTICIPANT_NOT_FOUND,
                        "The recognition's target is not connected to call " + call.id() + "."));
        Transition started = clear(call, interrupt)
                .then(c -> Transition.of(c.withMedia(c.media().withRecognize(Optional.of(operation)))));
        Transition prompted = operation.prompt()
                .map(prompt -> started.and(new StartMedia(operation.id(), prompt, false)))
                .orElseGet(() -> started.and(silenceTimer(operation)));
        // speech is listened for during the prompt only if it may interrupt it (barge-in)
        return operation.listensNow() ? prompted.and(listening(operation)) : prompted;
    }

    /** The running play or recognition is canceled when {@code interrupt}, refused otherwise. */
    private static Transition clear(Call call, boolean interrupt) {
        if (!interrupt && call.hasActiveMedia()) {
            throw new CallAutomationException(ErrorCode.MEDIA_OPERATION_ACTIVE,
                    "A media operation is already running in call " + call.id() + ": cancel it first.");
        }
        return cancel(call);
    }

    /** Cancels the running play or recognition, if any: reported, and stopped if its audio plays. */
    static Transition cancel(Call call) {
        List<CallEvent> events = new ArrayList<>();
        List<TelephonyCommand> commands = new ArrayList<>();
        MediaSlot media = call.media();
        Optional<PlayOperation> running = media.runningPlay();
        if (running.isPresent()) {
            media = stopped(media, running.get(), commands);
            events.add(new PlayCanceled(call.id(), media.play().orElseThrow()));
        }
        if (media.recognize().isPresent()) {
            RecognizeOperation canceled = media.recognize().get();
            media = media.withRecognize(Optional.empty());
            events.add(new RecognizeCanceled(call.id(), canceled));
            stopInputs(canceled, commands);
        }
        return new Transition(call.withMedia(media), events, commands);
    }

    /** The call ends: every media operation stops, without events (ACS sends none); a recording stops, reported. */
    static Transition stopAll(Call call) {
        List<TelephonyCommand> commands = new ArrayList<>();
        MediaSlot media = call.media();
        Optional<PlayOperation> running = media.runningPlay();
        if (running.isPresent()) {
            media = stopped(media, running.get(), commands);
        }
        media.recognize().ifPresent(r -> stopInputs(r, commands));
        media.holdMusic().forEach(m -> commands.add(new StopMedia(m.id())));
        return new Transition(call.withMedia(media.withRecognize(Optional.empty()).withHoldMusic(List.of())),
                List.of(), commands).then(CallRecording::stopAny).then(CallStreaming::stopAny);
    }

    /**
     * Another application's connection left the call: the play or recognition asked through it stops without an event
     * (as when the call ends: the application that would be told has gone, and no other asked for it). The others'
     * media goes on.
     */
    static Transition connectionLeft(Call call, CallConnectionId connection) {
        Optional<CallConnectionId> gone = Optional.of(connection);
        List<TelephonyCommand> commands = new ArrayList<>();
        MediaSlot media = call.media();
        Optional<PlayOperation> orphan = media.runningPlay()
                .filter(p -> p.operationCallback().connection().equals(gone));
        if (orphan.isPresent()) {
            media = stopped(media, orphan.get(), commands);
        }
        Optional<RecognizeOperation> unheard = media.recognize()
                .filter(r -> r.operationCallback().connection().equals(gone));
        if (unheard.isPresent()) {
            stopInputs(unheard.get(), commands);
            media = media.withRecognize(Optional.empty());
        }
        return new Transition(call.withMedia(media), List.of(), commands);
    }

    /** The running play stopped: ended as canceled, its audio stopped ({@link StopMedia} added to commands). */
    private static MediaSlot stopped(MediaSlot media, PlayOperation running, List<TelephonyCommand> commands) {
        commands.add(new StopMedia(running.id()));
        return media.withPlay(Optional.of(running.ended(OperationStatus.FAILED, ResultInformation.OPERATION_CANCELED)));
    }

    /** A leg left: a recognition listening to it has nobody to hear and ends without an event; its music stops. */
    static Transition legGone(Call call, LegId leg) {
        List<TelephonyCommand> commands = new ArrayList<>();
        MediaSlot media = call.media();
        Optional<RecognizeOperation> deaf = media.recognize().filter(r -> r.target().equals(leg));
        if (deaf.isPresent()) {
            stopInputs(deaf.get(), commands);
            media = media.withRecognize(Optional.empty());
        }
        Optional<HoldMusic> music = media.holdMusicOf(leg);
        if (music.isPresent()) {
            commands.add(new StopMedia(music.get().id()));
            media = media.withHoldMusic(media.holdMusic().stream().filter(m -> !m.leg().equals(leg)).toList());
        }
        return new Transition(call.withMedia(media), List.of(), commands);
    }

    /** See {@link Call#playEnded}. */
    static Transition ended(Call call, PlayOperation.Outcome outcome) {
        MediaSlot media = call.media();
        MediaOperationId id = outcome.operationId();
        if (media.recognize().filter(r -> r.id().equals(id)).isPresent()) {
            return promptEnded(call, outcome);
        }
        Optional<PlayOperation> running = media.runningPlay().filter(p -> p.id().equals(id));
        if (running.isPresent()) {
            PlayOperation ended = running.get().ended(outcome.status(), outcome.result());
            CallEvent event = outcome.status() == OperationStatus.COMPLETED
                    ? new PlayCompleted(call.id(), ended) : new PlayFailed(call.id(), ended, outcome.result());
            return Transition.of(call.withMedia(media.withPlay(Optional.of(ended), List.of())), event);
        }
        Optional<HoldMusic> music = media.holdMusic(id);
        if (music.isEmpty()) {
            return Transition.of(call);
        }
        Call next = call.withMedia(media.withHoldMusic(media.holdMusic().stream().filter(m -> !m.id().equals(id))
                .toList()));
        Optional<Participant> held = call.participant(music.get().leg());
        if (outcome.status() != OperationStatus.FAILED || held.isEmpty()) {
            return Transition.of(next);
        }
        return Transition.of(next, new HoldFailed(call.id(), held.get(), music.get().operationContext(),
                music.get().operationCallback(), outcome.result()));
    }

    /** The recognition's prompt ended: collection starts, or the recognition fails with the prompt. */
    private static Transition promptEnded(Call call, PlayOperation.Outcome outcome) {
        RecognizeOperation running = call.recognize().orElseThrow();
        if (!running.prompting()) {
            return Transition.of(call);
        }
        if (outcome.status() == OperationStatus.FAILED) {
            List<TelephonyCommand> commands = new ArrayList<>();
            stopListening(running, commands);
            return new Transition(call.withMedia(call.media().withRecognize(Optional.empty())),
                    List.of(new RecognizeFailed(call.id(), running, outcome.result())), commands);
        }
        RecognizeOperation collecting = running.collecting();
        Transition next = Transition.of(call.withMedia(call.media().withRecognize(Optional.of(collecting))))
                .and(silenceTimer(collecting));
        // an interruptible prompt was listened through already
        return collecting.input().listens() && !running.listensNow() ? next.and(listening(collecting)) : next;
    }

    static Transition toneForRecognition(Call call, LegId leg, Tone tone) {
        Optional<RecognizeOperation> running = call.recognize().filter(r -> r.target().equals(leg));
        if (running.isEmpty()) {
            return Transition.of(call);
        }
        RecognizeOperation operation = running.get();
        RecognizeOperation.Step step = operation.stepFor(tone);
        RecognizeOperation next = operation.with(tone);
        List<TelephonyCommand> commands = new ArrayList<>();
        if (step != RecognizeOperation.Step.IGNORED) {
            // a tone that counts cuts an interruptible prompt short, and makes it a recognition of tones
            stopInputs(operation, commands);
        }
        MediaSlot media = call.media();
        return switch (step) {
            case IGNORED -> Transition.of(call);
            case COLLECTED -> {
                commands.add(silenceTimer(next));
                yield new Transition(call.withMedia(media.withRecognize(Optional.of(next))), List.of(), commands);
            }
            case MAX_REACHED -> new Transition(call.withMedia(media.withRecognize(Optional.empty())),
                    List.of(new RecognizeCompleted(call.id(), next, ResultInformation.RECOGNIZED_MAX_TONES)), commands);
            case STOP_TONE -> new Transition(call.withMedia(media.withRecognize(Optional.empty())),
                    List.of(new RecognizeCompleted(call.id(), next, ResultInformation.RECOGNIZED_STOP_TONE)), commands);
            case CHOSEN -> new Transition(call.withMedia(media.withRecognize(Optional.empty())),
                    List.of(new RecognizeCompleted(call.id(), next, ResultInformation.RECOGNIZED_CHOICE)), commands);
            case WRONG_TONE -> new Transition(call.withMedia(media.withRecognize(Optional.empty())),
                    List.of(new RecognizeFailed(call.id(), next, ResultInformation.INCORRECT_TONE)), commands);
        };
    }

    static Transition recognizeTimedOut(Call call, MediaOperationId id, int tonesSoFar) {
        Optional<RecognizeOperation> running = call.recognize().filter(r -> r.id().equals(id) && !r.prompting()
                && r.tonesSoFar() == tonesSoFar && !r.speaking());
        if (running.isEmpty()) {
            return Transition.of(call);
        }
        ResultInformation why = tonesSoFar == 0 ? ResultInformation.INITIAL_SILENCE_TIMEOUT
                : ResultInformation.INTER_TONE_TIMEOUT;
        List<TelephonyCommand> commands = new ArrayList<>();
        stopListening(running.get(), commands);
        return new Transition(call.withMedia(call.media().withRecognize(Optional.empty())),
                List.of(new RecognizeFailed(call.id(), running.get(), why)), commands);
    }

    /** See {@link Call#speechHeard}. */
    static Transition speechHeard(Call call, MediaOperationId id, SpeechSignal signal) {
        Optional<RecognizeOperation> running = call.recognize().filter(r -> r.id().equals(id) && r.listensNow());
        if (running.isEmpty()) {
            return Transition.of(call);
        }
        RecognizeOperation operation = running.get();
        List<TelephonyCommand> commands = new ArrayList<>();
        if (signal instanceof SpeechSignal.Started) {
            if (operation.prompting()) {
                commands.add(new StopMedia(operation.id())); // barge-in
            }
            return new Transition(call.withMedia(call.media().withRecognize(Optional.of(operation.speakingNow()))),
                    List.of(), commands);
        }
        stopInputs(operation, commands);
        Call ended = call.withMedia(call.media().withRecognize(Optional.empty()));
        if (signal instanceof SpeechSignal.Failed failed) {
            return new Transition(ended, List.of(new RecognizeFailed(call.id(), operation, failed.why())), commands);
        }
        RecognizeOperation next = operation.recognized(((SpeechSignal.Recognized) signal).speech());
        CallEvent event;
        if (next.input() == RecognizeInput.CHOICES) {
            event = next.chosen().isPresent()
                    ? new RecognizeCompleted(call.id(), next, ResultInformation.SPEECH_OPTION_MATCHED)
                    : new RecognizeFailed(call.id(), next, ResultInformation.SPEECH_OPTION_NOT_MATCHED);
        } else {
            event = next.heard().filter(RecognizedSpeech::heardWords).isPresent()
                    ? new RecognizeCompleted(call.id(), next, ResultInformation.SPEECH_RECOGNIZED)
                    : new RecognizeFailed(call.id(), next, ResultInformation.SPEECH_NOT_RECOGNIZED);
        }
        return new Transition(ended, List.of(event), commands);
    }

    /** Hold music starts for a participant just put on hold, looped until it is taken off hold. */
    static Transition holdMusic(Call call, Participant held, PlaySource music, Optional<String> context,
                                OperationCallback callback) {
        HoldMusic playing = new HoldMusic(holdMusicId(held), held.leg(), context, callback);
        List<HoldMusic> all = new ArrayList<>(call.media().holdMusic());
        all.add(playing);
        return Transition.of(call.withMedia(call.media().withHoldMusic(all)))
                .and(new StartMedia(playing.id(), music, true));
    }

    /** A participant taken off hold: its music stops. */
    static Transition holdMusicOff(Call call, Participant released) {
        MediaSlot media = call.media();
        return media.holdMusicOf(released.leg())
                .map(m -> Transition.of(call.withMedia(media.withHoldMusic(media.holdMusic().stream()
                        .filter(other -> !other.equals(m)).toList()))).and(new StopMedia(m.id())))
                .orElseGet(() -> Transition.of(call));
    }

    /** See {@link Call#mediaAudience}. "Everyone" leaves out held participants: they hear their hold music. */
    static Optional<List<LegId>> audience(Call call, MediaOperationId id) {
        MediaSlot media = call.media();
        if (call.state() != CallState.CONNECTED) {
            return Optional.empty();
        }
        if (media.runningPlay().filter(p -> p.id().equals(id)).isPresent()) {
            return Optional.of(media.playTo().isEmpty()
                    ? call.connectedParticipants().stream().filter(p -> !p.onHold()).map(Participant::leg).toList()
                    : media.playTo());
        }
        Optional<RecognizeOperation> prompting = media.prompting().filter(r -> r.id().equals(id));
        if (prompting.isPresent()) {
            return Optional.of(List.of(prompting.get().target()));
        }
        return media.holdMusic(id).filter(m -> call.participant(m.leg()).filter(Participant::onHold).isPresent())
                .map(m -> List.of(m.leg()));
    }

    /** Hold music plays under an id derived from the participant's, {@code hold-<participantId>}. */
    private static MediaOperationId holdMusicId(Participant participant) {
        return MediaOperationId.of("hold-" + participant.id().value());
    }

    private static StartSilenceTimer silenceTimer(RecognizeOperation collecting) {
        int tonesSoFar = collecting.tonesSoFar();
        Duration silence = tonesSoFar == 0 ? collecting.options().initialSilenceTimeout()
                : collecting.options().interToneTimeout();
        return new StartSilenceTimer(collecting.id(), tonesSoFar, silence);
    }

    private static StartListening listening(RecognizeOperation operation) {
        return new StartListening(operation.id(), operation.target(), operation.choices(), operation.speech());
    }

    /** A recognition ends, or turns to tones: its prompt stops if it plays, its listener if it listens. */
    private static void stopInputs(RecognizeOperation operation, List<TelephonyCommand> commands) {
        if (operation.prompting()) {
            commands.add(new StopMedia(operation.id()));
        }
        stopListening(operation, commands);
    }

    private static void stopListening(RecognizeOperation operation, List<TelephonyCommand> commands) {
        if (operation.listensNow()) {
            commands.add(new StopListening(operation.id()));
        }
    }
}
