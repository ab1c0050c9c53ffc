package io.switchboard.examples.incident;

import io.switchboard.client.CallClient;
import io.switchboard.client.CallbackListener;
import io.switchboard.client.CreateCallOptions;
import io.switchboard.client.PlayAudioOptions;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.CallState;
import io.switchboard.domain.call.RequestedCallEvent;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.event.CallConnectionStateChanged;
import io.switchboard.domain.event.CallEvent;
import io.switchboard.domain.event.PlayCanceled;
import io.switchboard.domain.event.PlayCompleted;
import io.switchboard.domain.event.PlayFailed;
import io.switchboard.domain.event.ToneReceived;
import io.switchboard.domain.media.Tone;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;

/**
 * Calls every contact, at most {@code concurrency} at once: when a call connects it plays the message, waits for
 * key 1 (until {@code ackWait} after the message), hangs up; a busy or unanswered contact is called once more after
 * {@code retryDelay}. Completes with the report once every contact has a final outcome.
 *
 * <p>All state lives on one Vert.x context: client results, callbacks and timers hop onto it, so nothing here needs
 * a lock. A callback can overtake the create-call response that names its call; such events wait until it arrives.
 */
final class Campaign {

    private static final System.Logger LOG = System.getLogger(Campaign.class.getName());
    private static final int MAX_EARLY_EVENTS = 10_000;

    private final Vertx vertx;
    private final Context context;
    private final CallClient client;
    private final ReporterConfig config;
    private URI callbackUri;
    private URI promptUri;
    private final ArrayDeque<CallAttempt> queue = new ArrayDeque<>();
    private final Map<CallConnectionId, CallAttempt> calls = new HashMap<>();
    private final Map<CallConnectionId, List<CallEvent>> early = new HashMap<>();
    private final Map<Integer, ContactResult> results = new TreeMap<>();
    private final Promise<Report> done = Promise.promise();
    private int inFlight;
    private int retriesWaiting;
    private int earlyEvents;

    Campaign(Vertx vertx, CallClient client, ReporterConfig config) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.client = client;
        this.config = config;
    }

    /** Where the callback handler delivers: events hop onto the campaign's context. */
    CallbackListener listener() {
        return CallbackListener.of(event -> context.runOnContext(v -> onEvent(event)),
                (type, raw) -> LOG.log(Level.DEBUG, () -> "ignoring callback " + type));
    }

    /**
     * Starts calling; call once.
     *
     * @param callbackUri where the server is to send the calls' events (the listener's endpoint)
     * @param promptUri   the message to play
     */
    CompletionStage<Report> run(URI callbackUri, URI promptUri) {
        this.callbackUri = callbackUri;
        this.promptUri = promptUri;
        context.runOnContext(v -> {
            for (int i = 0; i < config.contacts().size(); i++) {
                queue.add(new CallAttempt(i, config.contacts().get(i), 1));
            }
            pump();
        });
        return done.future().toCompletionStage();
    }

    private void pump() {
        while (inFlight < config.concurrency() && !queue.isEmpty()) {
            dial(queue.poll());
        }
        if (inFlight == 0 && queue.isEmpty() && retriesWaiting == 0) {
            done.tryComplete(new Report(Instant.now(), new ArrayList<>(results.values())));
        }
    }

    private void dial(CallAttempt attempt) {
        inFlight++;
        attempt.guardTimer = vertx.setTimer(config.attemptTimeout().toMillis(), id -> timedOut(attempt));
        CreateCallOptions options = CreateCallOptions.of(callbackUri)
                .withRequestedCallEvents(RequestedCallEvent.DTMF_RECEIVED)
                .withSubject("Incident notification")
                .withRingTimeout(Duration.ofSeconds(Math.max(1, config.ringTimeout().toSeconds())));
        if (config.callerId().isPresent()) {
            options = options.withAlternateCallerId(config.callerId().get());
        }
        onContext(client.createCall(config.source(), List.of(attempt.contact.identifier()), options))
                .onFailure(e -> finish(attempt, Outcome.FAILED, "call not created: " + e.getMessage()))
                .onSuccess(callId -> {
                    attempt.callId = callId;
                    calls.put(callId, attempt);
                    List<CallEvent> waiting = early.remove(callId);
                    if (waiting != null) {
                        earlyEvents -= waiting.size();
                        waiting.forEach(this::onEvent);
                    }
                });
    }

    private void onEvent(CallEvent event) {
        CallAttempt attempt = calls.get(event.callId());
        if (attempt == null) {
            if (earlyEvents < MAX_EARLY_EVENTS) {
                earlyEvents++;
                early.computeIfAbsent(event.callId(), id -> new ArrayList<>()).add(event);
            }
            return;
        }
        if (attempt.finished) {
            return;
        }
        if (event instanceof CallConnectionStateChanged changed) {
            stateChanged(attempt, changed);
        } else if (event instanceof PlayCompleted || event instanceof PlayCanceled) {
            awaitAcknowledgement(attempt);
        } else if (event instanceof PlayFailed failed) {
            attempt.detail = "message not played: " + describe(failed.result());
            hangUp(attempt);
        } else if (event instanceof ToneReceived tone && tone.tone() == Tone.ONE) {
            attempt.acknowledged = true;
            hangUp(attempt);
        }
    }

    private void stateChanged(CallAttempt attempt, CallConnectionStateChanged changed) {
        if (changed.state() == CallState.CONNECTED) {
            attempt.connected = true;
            onContext(client.playAudio(attempt.callId, promptUri,
                    PlayAudioOptions.defaults().withOperationContext("incident-message")))
                    .onFailure(e -> {
                        attempt.detail = "message not played: " + e.getMessage();
                        hangUp(attempt);
                    });
        } else if (changed.state() == CallState.DISCONNECTED) {
            Outcome outcome = attempt.connected ? attempt.reachedOutcome() : Outcome.notConnected(changed.result());
            finish(attempt, outcome, attempt.detail.isEmpty() ? describe(changed.result()) : attempt.detail);
        }
    }

    private void awaitAcknowledgement(CallAttempt attempt) {
        if (!attempt.acknowledged && attempt.ackTimer < 0) {
            attempt.ackTimer = vertx.setTimer(Math.max(1, config.ackWait().toMillis()), id -> hangUp(attempt));
        }
    }

    private void hangUp(CallAttempt attempt) {
        if (attempt.hangingUp || attempt.finished || attempt.callId == null) {
            return;
        }
        attempt.hangingUp = true;
        vertx.cancelTimer(attempt.ackTimer);
        // Fails when the callee hung up at the same moment; the disconnected event follows either way.
        onContext(client.hangUp(attempt.callId)).onFailure(e -> LOG.log(Level.DEBUG, () -> "hang-up of "
                + attempt.callId + ": " + e.getMessage()));
    }

    private void timedOut(CallAttempt attempt) {
        hangUp(attempt);
        finish(attempt, attempt.connected ? attempt.reachedOutcome() : Outcome.FAILED,
                "no end of call reported within " + config.attemptTimeout().toSeconds() + " s");
    }

    private void finish(CallAttempt attempt, Outcome outcome, String detail) {
        if (attempt.finished) {
            return;
        }
        attempt.finished = true;
        vertx.cancelTimer(attempt.ackTimer);
        vertx.cancelTimer(attempt.guardTimer);
        inFlight--;
        LOG.log(Level.INFO, () -> attempt.contact + " attempt " + attempt.number + ": " + outcome.label() + " ("
                + detail + ")");
        if (outcome.retryable() && attempt.number == 1) {
            retriesWaiting++;
            vertx.setTimer(Math.max(1, config.retryDelay().toMillis()), id -> {
                retriesWaiting--;
                queue.add(new CallAttempt(attempt.index, attempt.contact, 2));
                pump();
            });
        } else {
            results.put(attempt.index, new ContactResult(attempt.contact, outcome, attempt.number, detail));
        }
        pump();
    }

    private <T> Future<T> onContext(CompletionStage<T> stage) {
        return Future.fromCompletionStage(stage, context);
    }

    private static String describe(ResultInformation result) {
        return result.code() + "/" + result.subCode() + " " + result.message();
    }
}
