package io.switchboard.adapter.sandbox;

import io.switchboard.application.port.in.HandleTelephonyEventUseCase;
import io.switchboard.application.port.out.AudioSink;
import io.switchboard.application.port.out.DialRequest;
import io.switchboard.application.port.out.PlaybackRequest;
import io.switchboard.application.port.out.SpeechSynthesizer;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.vertx.core.Vertx;

import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The sandbox phones' legs and what the phones do with them. Not thread-safe: every method runs on the one
 * context {@link SandboxTelephony} owns, and so do the timers it sets, so no state is ever shared.
 *
 * <p>Each leg ends exactly once: ending it cancels all its timers and forgets it, so later hang-ups, answers or
 * key presses of it cannot happen.
 */
final class SandboxNetwork {

    private static final System.Logger LOG = System.getLogger(SandboxNetwork.class.getName());

    private final Vertx vertx;
    private final HandleTelephonyEventUseCase events;
    private final SandboxConfig config;
    private final SandboxMedia media;
    private final SandboxRecordings recordings;
    private final SandboxVoices voices;
    private final Map<LegId, SandboxLeg> legs = new HashMap<>();
    private boolean closed;

    SandboxNetwork(Vertx vertx, HandleTelephonyEventUseCase events, SandboxConfig config,
                   Optional<SpeechSynthesizer> voice) {
        this.vertx = vertx;
        this.voices = new SandboxVoices(vertx, voice, config.pressDelay());
        this.events = events;
        this.config = config;
        this.recordings = new SandboxRecordings(vertx, System::nanoTime);
        this.media = new SandboxMedia(vertx, events, this::heardPlaybackEnd, recordings);
    }

    SandboxRecordings recordings() {
        return recordings;
    }

    void dial(DialRequest request) {
        if (closed) {
            return;
        }
        if (legs.containsKey(request.leg())) {
            LOG.log(Level.WARNING, "call {0} leg {1} already dialled; ignoring the second dial", request.call(),
                    request.leg());
            return;
        }
        SandboxPhone phone = SandboxPhone.of(request.target());
        SandboxLeg leg = new SandboxLeg(request, phone);
        legs.put(leg.id(), leg);
        LOG.log(Level.INFO, "call {0} leg {1} ringing: {2} ({3})", leg.call(), leg.id(), request.target().rawId(),
                phone);
        // Ring timeout first: a phone slower than the caller's patience is never answered (ACS reports 480/8541).
        after(leg, request.ringTimeout(), () -> rejected(leg,
                ResultInformation.unavailable("no answer after " + seconds(request.ringTimeout()) + " s")));
        if (phone.answers()) {
            after(leg, config.answerDelay(), () -> answered(leg));
        } else {
            phone.rejection(request.target()).ifPresent(cause -> after(leg, config.rejectDelay(),
                    () -> rejected(leg, cause)));
        }
    }

    /** A phone that speaks says its phrase to the listener; the others stay silent. */
    void listen(MediaOperationId operation, LegId id, AudioSink sink) {
        SandboxLeg leg = legs.get(id);
        if (leg != null && leg.isAnswered()) {
            leg.phone().says().ifPresent(phrase -> voices.speak(leg, operation, phrase, sink));
        }
    }

    void stopListening(MediaOperationId operation) {
        voices.stop(operation);
    }

    void hangUp(LegId id) {
        SandboxLeg leg = legs.get(id);
        if (leg == null) {
            return;
        }
        ended(leg, leg.isRinging() ? ResultInformation.canceled("canceled by the application")
                : ResultInformation.HUNG_UP_BY_APPLICATION);
    }

    /** An answered leg now belongs to another call; one that ended meanwhile is reported ended again, to it. */
    void move(LegId id, CallConnectionId to) {
        SandboxLeg leg = legs.get(id);
        if (leg == null || !leg.isAnswered()) {
            events.legEnded(id, ResultInformation.REMOTE_HUNG_UP);
            return;
        }
        LOG.log(Level.INFO, "call {0} leg {1} moved to call {2}", leg.call(), leg.id(), to);
        leg.movedTo(to);
    }

    void play(PlaybackRequest request) {
        if (closed) {
            return;
        }
        List<SandboxLeg> audience = request.legs().stream().map(legs::get).filter(Objects::nonNull)
                .filter(SandboxLeg::isAnswered).toList();
        media.play(request, audience);
    }

    void stopPlayback(CallConnectionId call, MediaOperationId operation) {
        media.stop(call, operation);
    }

    /** Sandbox phones simply accept tones: sent at once into an answered leg, refused for any other. */
    CompletionStage<Void> sendTones(LegId id, List<Tone> tones) {
        SandboxLeg leg = legs.get(id);
        if (leg == null || !leg.isAnswered()) {
            return CompletableFuture.failedFuture(new IllegalStateException("leg " + id + " is not an answered "
                    + "sandbox leg"));
        }
        LOG.log(Level.INFO, "call {0} leg {1} received tones {2}", leg.call(), leg.id(), tones);
        return CompletableFuture.completedFuture(null);
    }

    /**
     * A blind transfer: a target phone that answers picks up after the answer delay, and the leg then talks to it
     * outside any call of the core, so the network drops the leg without reporting it; a target that rejects calls
     * fails the transfer after the reject delay, the leg staying as it was.
     */
    CompletionStage<Void> transfer(LegId id, CommunicationIdentifier target) {
        SandboxLeg leg = legs.get(id);
        if (leg == null || !leg.isAnswered()) {
            return CompletableFuture.failedFuture(new IllegalStateException("leg " + id + " is not an answered "
                    + "sandbox leg"));
        }
        SandboxPhone phone = SandboxPhone.of(target);
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (phone.answers()) {
            after(leg, config.answerDelay(), () -> {
                legs.remove(leg.id());
                leg.takeTimers().forEach(vertx::cancelTimer);
                leg.ended();
                media.legEnded(leg);
                LOG.log(Level.INFO, "call {0} leg {1} transferred to {2}", leg.call(), leg.id(), target.rawId());
                done.complete(null);
            });
        } else {
            String why = phone.rejection(target).map(ResultInformation::message).orElse("no answer");
            after(leg, config.rejectDelay(), () -> done.completeExceptionally(new IllegalStateException(why)));
        }
        return done;
    }

    /** Ends every leg and playback without reporting anything; later requests are ignored. */
    void close() {
        closed = true;
        legs.values().forEach(leg -> {
            leg.takeTimers().forEach(vertx::cancelTimer);
            leg.ended();
        });
        if (!legs.isEmpty()) {
            LOG.log(Level.INFO, "sandbox closed: {0} leg(s) dropped without report", legs.size());
        }
        legs.clear();
        media.close();
        recordings.close();
    }

    private void answered(SandboxLeg leg) {
        if (!leg.isRinging()) {
            return;
        }
        // Answering cancels the ring timeout, the only other timer a ringing leg has.
        leg.takeTimers().forEach(vertx::cancelTimer);
        leg.answered();
        LOG.log(Level.INFO, "call {0} leg {1} answered", leg.call(), leg.id());
        events.legAnswered(leg.id());
        if (leg.phone() == SandboxPhone.HANGS_UP) {
            after(leg, config.selfHangUpAfter(), () -> ended(leg, ResultInformation.REMOTE_HUNG_UP));
        }
    }

    /** The phone turned the call down, or the caller stopped waiting; too late once it answered. */
    private void rejected(SandboxLeg leg, ResultInformation cause) {
        if (leg.isRinging()) {
            ended(leg, cause);
        }
    }

    private void ended(SandboxLeg leg, ResultInformation cause) {
        if (legs.remove(leg.id()) != leg) {
            return;
        }
        leg.takeTimers().forEach(vertx::cancelTimer);
        leg.ended();
        LOG.log(Level.INFO, "call {0} leg {1} ended: {2}/{3} {4}", leg.call(), leg.id(),
                String.valueOf(cause.code()), String.valueOf(cause.subCode()), cause.message());
        media.legEnded(leg);
        events.legEnded(leg.id(), cause);
    }

    private void heardPlaybackEnd(SandboxLeg leg) {
        if (leg.phone() == SandboxPhone.PRESSES_ONE) {
            after(leg, config.pressDelay(), () -> {
                if (leg.isAnswered()) {
                    LOG.log(Level.DEBUG, "call {0} leg {1} pressed 1", leg.call(), leg.id());
                    events.toneReceived(leg.id(), Tone.ONE);
                }
            });
        }
    }

    /** Runs the action after the delay unless the leg ends first. Vert.x timers need at least 1 ms. */
    private void after(SandboxLeg leg, Duration delay, Runnable action) {
        long millis = Math.max(1, delay.toMillis());
        leg.timerStarted(vertx.setTimer(millis, timer -> {
            leg.timerFired(timer);
            action.run();
        }));
    }

    /** Whole seconds as "30", fractions as "0.3". */
    private static String seconds(Duration duration) {
        return BigDecimal.valueOf(Math.max(0, duration.toMillis()), 3).stripTrailingZeros().toPlainString();
    }
}
