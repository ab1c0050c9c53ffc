package io.switchboard.application.service;

import io.switchboard.application.port.in.AnswerCallCommand;
import io.switchboard.application.port.in.HandleIncomingCallUseCase;
import io.switchboard.application.port.in.IncomingCallOffer;
import io.switchboard.application.port.in.IncomingCallUseCase;
import io.switchboard.application.port.out.IdGenerator;
import io.switchboard.application.port.out.IncomingCallNotice;
import io.switchboard.application.port.out.IncomingCallNotifier;
import io.switchboard.application.port.out.OfferedCall;
import io.switchboard.application.port.out.RejectReason;
import io.switchboard.application.port.out.Timers;
import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.connection.Call;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.Participant;
import io.switchboard.domain.participant.ParticipantId;

import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls ringing at this server: each is announced to the application with a fresh {@code incomingCallContext} and
 * rings until the application answers, rejects or redirects it, the caller hangs up, or the ring timeout refuses it
 * as unanswered. Without anybody to tell (no notifier), calls are refused at once.
 */
public final class IncomingCallService implements IncomingCallUseCase, HandleIncomingCallUseCase {

    private static final Logger LOG = System.getLogger("io.switchboard.call");

    /** A call ringing, under its context. */
    private record Ringing(IncomingCallOffer offer, String serverCallId, Instant deadline) {
    }

    private final Map<String, Ringing> ringing = new ConcurrentHashMap<>();
    private final Calls calls;
    private final IdGenerator ids;
    private final Clock clock;
    private final Timers timers;
    private final Duration ringTimeout;
    private final Optional<IncomingCallNotifier> notifier;

    IncomingCallService(Calls calls, IdGenerator ids, Clock clock, Timers timers, Duration ringTimeout,
                        Optional<IncomingCallNotifier> notifier) {
        this.calls = calls;
        this.ids = ids;
        this.clock = clock;
        this.timers = timers;
        this.ringTimeout = ringTimeout;
        this.notifier = notifier;
    }

    @Override
    public void offered(IncomingCallOffer offer) {
        String caller = offer.from().rawId() + " to " + offer.to().rawId();
        if (notifier.isEmpty()) {
            LOG.log(Level.WARNING, "incoming call from " + caller + " refused: no incoming call URL is set");
            offer.call().reject(RejectReason.UNANSWERED);
            return;
        }
        String context = ids.newId();
        Ringing call = new Ringing(offer, ids.newId(), clock.instant().plus(ringTimeout));
        ringing.put(context, call);
        timers.schedule(ringTimeout, () -> expire(context));
        LOG.log(Level.INFO, "incoming call " + call.serverCallId() + " from " + caller + " ringing");
        notifier.get().notify(new IncomingCallNotice(context, offer.from(), offer.to(), offer.callerDisplayName(),
                call.serverCallId(), call.serverCallId(), call.deadline()));
    }

    @Override
    public void withdrawn(OfferedCall call) {
        ringing.entrySet().removeIf(entry -> {
            boolean gone = entry.getValue().offer().call().equals(call);
            if (gone) {
                LOG.log(Level.INFO, "incoming call " + entry.getValue().serverCallId() + " withdrawn by the caller");
            }
            return gone;
        });
    }

    @Override
    public CompletionStage<Call> answer(AnswerCallCommand command) {
        Ringing answered;
        try {
            answered = take(command.incomingCallContext());
        } catch (CallAutomationException e) {
            return CompletableFuture.failedFuture(e);
        }
        CallConnectionId id = CallConnectionId.of(ids.newId());
        LegId leg = LegId.of(ids.newId());
        Participant caller = Participant.target(ParticipantId.of(ids.newId()), answered.offer().from(), leg);
        LOG.log(Level.INFO, "incoming call " + answered.serverCallId() + " answered as call " + id);
        return calls.onExecutor(id, () -> {
            Call created = calls.apply(Call.answered(id, answered.serverCallId(), command.setup(), caller,
                    clock.instant()));
            answered.offer().call().answer(id, leg);
            return created;
        });
    }

    @Override
    public CompletionStage<Void> reject(String incomingCallContext, RejectReason reason) {
        try {
            Ringing rejected = take(incomingCallContext);
            LOG.log(Level.INFO, "incoming call " + rejected.serverCallId() + " rejected: " + reason);
            rejected.offer().call().reject(reason);
            return CompletableFuture.completedFuture(null);
        } catch (CallAutomationException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The call rings on (under the same context) when the network cannot send the caller to the target. */
    @Override
    public CompletionStage<Void> redirect(String incomingCallContext, CommunicationIdentifier target) {
        Ringing redirected;
        try {
            redirected = take(incomingCallContext);
        } catch (CallAutomationException e) {
            return CompletableFuture.failedFuture(e);
        }
        return redirected.offer().call().redirect(target).handle((done, failure) -> {
            if (failure == null) {
                LOG.log(Level.INFO, "incoming call " + redirected.serverCallId() + " redirected to " + target.rawId());
                return null;
            }
            ringing.put(incomingCallContext, redirected);
            if (!clock.instant().isBefore(redirected.deadline())) {
                expire(incomingCallContext); // its ring timeout passed while the redirect was tried
            }
            throw new CallAutomationException(ErrorCode.INVALID_REQUEST, "target: " + target.rawId()
                    + " cannot be reached from the network the call came in on (expected: a phone number or user"
                    + " it routes)");
        });
    }

    private void expire(String context) {
        Ringing expired = ringing.remove(context);
        if (expired != null) {
            LOG.log(Level.INFO, "incoming call " + expired.serverCallId() + " not answered within "
                    + ringTimeout.toSeconds() + " s: refused");
            expired.offer().call().reject(RejectReason.UNANSWERED);
        }
    }

    private Ringing take(String context) {
        Ringing call = ringing.remove(context);
        if (call == null) {
            throw new CallAutomationException(ErrorCode.CALL_NOT_FOUND, "incomingCallContext: no call rings under it"
                    + " (expected: the context of an IncomingCall event within the ring timeout, not yet answered,"
                    + " rejected or redirected, whose caller is still on the line)");
        }
        return call;
    }
}
