package io.switchboard.application.service;

import io.switchboard.application.port.out.SpeechRecognizer;
import io.switchboard.application.port.out.SpeechUnavailableException;
import io.switchboard.application.port.out.Telephony;
import io.switchboard.application.port.out.Utterance;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.connection.Call;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.SpeechOptions;
import io.switchboard.domain.media.SpeechSignal;
import io.switchboard.domain.telephony.TelephonyCommand.StartListening;
import io.switchboard.domain.telephony.TelephonyCommand.StopListening;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The listeners of recognitions: has telephony deliver what the leg says, finds the utterance in it
 * ({@link Endpointer}), tells the call when speech starts, and has the recognizer turn the utterance into words,
 * which the call then judges ({@code Call.speechHeard}). One utterance per listener; then it stops by itself.
 * Thread-safe: telephony's audio thread feeds each listener, the calls' executors start and stop them.
 */
final class SpeechListening {

    private static final System.Logger LOG = System.getLogger(SpeechListening.class.getName());
    /** The longest one recognition may take before it counts as failed. */
    static final Duration RECOGNITION_TIMEOUT = Duration.ofSeconds(15);
    /**
     * A choice is a short phrase: it is over after this much silence, whatever end silence free speech waits for
     * (ACS sends none for choices), so that the answer comes quickly.
     */
    static final Duration CHOICE_END_SILENCE = Duration.ofMillis(300);

    private final Telephony telephony;
    private final Optional<SpeechRecognizer> recognizer;
    private final Map<MediaOperationId, Listener> listeners = new ConcurrentHashMap<>();

    SpeechListening(Telephony telephony, Optional<SpeechRecognizer> recognizer) {
        this.telephony = telephony;
        this.recognizer = recognizer;
    }

    /** Whether speech can be recognized at all, and in which languages. */
    Optional<SpeechRecognizer> recognizer() {
        return recognizer;
    }

    void start(Calls calls, Call call, StartListening start) {
        CallConnectionId callId = call.id();
        if (recognizer.isEmpty()) {
            report(calls, callId, start.operation(), SpeechSignal.failed(
                    ResultInformation.speechServiceFailed("no speech recognizer is configured")));
            return;
        }
        Listener listener = new Listener(calls, callId, start);
        listeners.put(start.operation(), listener);
        try {
            telephony.listen(callId, start.operation(), start.leg(), listener::frame);
        } catch (RuntimeException e) {
            listeners.remove(start.operation());
            report(calls, callId, start.operation(), SpeechSignal.failed(
                    ResultInformation.speechServiceFailed(String.valueOf(e.getMessage()))));
        }
    }

    void stop(Call call, StopListening stop) {
        if (listeners.remove(stop.operation()) != null) {
            telephony.stopListening(call.id(), stop.operation());
        }
    }

    int active() {
        return listeners.size();
    }

    private static void report(Calls calls, CallConnectionId callId, MediaOperationId operation, SpeechSignal signal) {
        calls.report(callId, current -> current.speechHeard(operation, signal));
    }

    /** One recognition's listener; {@link #frame} runs on telephony's audio thread only. */
    private final class Listener {
        private final Calls calls;
        private final CallConnectionId callId;
        private final StartListening start;
        private final Endpointer endpointer;

        Listener(Calls calls, CallConnectionId callId, StartListening start) {
            this.calls = calls;
            this.callId = callId;
            this.start = start;
            this.endpointer = new Endpointer(start.choices().isEmpty() ? start.options()
                    : new SpeechOptions(CHOICE_END_SILENCE, start.options().language()));
        }

        void frame(short[] samples) {
            Endpointer.Step step = endpointer.accept(samples);
            if (step == Endpointer.Step.STARTED) {
                report(calls, callId, start.operation(), SpeechSignal.started());
            } else if (step == Endpointer.Step.ENDED && listeners.remove(start.operation(), this)) {
                telephony.stopListening(callId, start.operation());
                recognize(new Utterance(endpointer.utterance(), start.choices(), start.options().language()));
            }
        }

        private void recognize(Utterance utterance) {
            long began = System.nanoTime();
            recognizer.orElseThrow().recognize(utterance).toCompletableFuture()
                    .orTimeout(RECOGNITION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((speech, error) -> {
                        if (error == null) {
                            LOG.log(Level.DEBUG, () -> "call " + callId + ": utterance recognized in "
                                    + (System.nanoTime() - began) / 1_000_000 + " ms (" + utterance.millis()
                                    + " ms of audio)");
                            report(calls, callId, start.operation(), new SpeechSignal.Recognized(speech));
                        } else {
                            Throwable cause = error instanceof CompletionException && error.getCause() != null
                                    ? error.getCause() : error;
                            String why = cause instanceof TimeoutException
                                    ? "no answer from the speech recognizer within "
                                    + RECOGNITION_TIMEOUT.toSeconds() + " s"
                                    : cause instanceof SpeechUnavailableException ? cause.getMessage()
                                    : String.valueOf(cause);
                            LOG.log(Level.WARNING, "call " + callId + ": speech not recognized: " + why);
                            report(calls, callId, start.operation(),
                                    SpeechSignal.failed(ResultInformation.speechServiceFailed(why)));
                        }
                    });
        }
    }
}
