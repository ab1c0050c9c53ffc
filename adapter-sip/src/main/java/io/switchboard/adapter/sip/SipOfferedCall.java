package io.switchboard.adapter.sip;

import io.switchboard.adapter.sip.sdp.RemoteAudio;
import io.switchboard.application.port.out.OfferedCall;
import io.switchboard.application.port.out.RejectReason;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.participant.CommunicationIdentifier;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.sip.ServerTransaction;

/**
 * An INVITE ringing at this adapter, as the core holds it. Every method hops onto the signalling thread, where
 * {@link InboundCalls} acts on it; the fields are confined to that thread.
 */
final class SipOfferedCall implements OfferedCall {

    /** Where the offer stands; anything but {@link #RINGING} is over. */
    enum State { RINGING, ANSWERED, REJECTED, REDIRECTED, WITHDRAWN }

    final ServerTransaction invite;
    final String callId;
    /** Our To tag: the 180 and the final response name one dialog (RFC 3261 §12.1.1). */
    final String toTag;
    /** The From URI, for the log and the answered leg. */
    final String caller;
    final RemoteAudio callerAudio;
    /** The session timer the INVITE asks for, granted in the 200 OK. */
    final SessionTimers.Asked session;
    State state = State.RINGING;
    private final InboundCalls calls;
    private final SignallingThread thread;

    SipOfferedCall(InboundCalls calls, SignallingThread thread, ServerTransaction invite, String callId, String toTag,
                   String caller, RemoteAudio callerAudio, SessionTimers.Asked session) {
        this.calls = calls;
        this.thread = thread;
        this.invite = invite;
        this.callId = callId;
        this.toTag = toTag;
        this.caller = caller;
        this.callerAudio = callerAudio;
        this.session = Objects.requireNonNull(session, "session");
    }

    @Override
    public void answer(CallConnectionId call, LegId leg) {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(leg, "leg");
        thread.execute("answer " + this, () -> calls.answer(this, call, leg));
    }

    @Override
    public void reject(RejectReason reason) {
        Objects.requireNonNull(reason, "reason");
        thread.execute("reject " + this, () -> calls.reject(this, reason));
    }

    @Override
    public CompletionStage<Void> redirect(CommunicationIdentifier target) {
        Objects.requireNonNull(target, "target");
        CompletableFuture<Void> redirected = new CompletableFuture<>();
        thread.execute("redirect " + this, () -> calls.redirect(this, target, redirected));
        return redirected;
    }

    @Override
    public String toString() {
        return "incoming call " + callId;
    }
}
