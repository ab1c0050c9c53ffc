package io.switchboard.adapter.sip;

import io.switchboard.adapter.sip.sdp.RemoteAudio;
import io.switchboard.domain.call.ResultInformation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a SIP leg stands, and what each thing that happens to it leads to: {@link #on} gives the next state and the
 * SIP actions to take, in order. The whole life of a leg, dialled out or answered in, is this one table; the classes
 * around it only feed it signals and carry out its actions. Pure.
 *
 * <p>A leg's end is reported once, when it leaves the live states ({@link #CALLING} to {@link #ANSWERED}); the ended
 * states only wind SIP down (RFC 3261: CANCEL after a provisional response, §9.1; no BYE before the ACK, §15).
 */
enum LegState {

    /** Outbound: INVITE sent, nothing heard yet; a CANCEL would have to wait. */
    CALLING,
    /** Outbound: 100 Trying heard; CANCEL is allowed. */
    TRYING,
    /** Outbound: 180 or 183 heard. */
    RINGING,
    /** Inbound: our 200 OK is out, its ACK (and with it the media) not in yet. */
    ACCEPTED,
    /** Media flows. */
    ANSWERED,
    /** Ended before any provisional response: the CANCEL goes at the first one. */
    CANCEL_PENDING,
    /** Ended while ringing: CANCEL sent, the INVITE's final response (487, or a 2xx that crossed it) awaited. */
    CANCELING,
    /** Inbound, ended before the ACK: the BYE goes when it arrives, or when it is given up on. */
    BYE_AFTER_ACK,
    /** Ended, or handed over by a transfer: BYE sent, its response awaited. */
    HANGING_UP,
    /** Forgotten: its SIP transactions are over. */
    GONE;

    /** What happens to a leg. */
    sealed interface Signal {
    }

    /** A provisional response to our INVITE (100 to 199). */
    record Provisional(int status) implements Signal {
    }

    /** The first 2xx to our INVITE, already acknowledged; the audio of its SDP answer, if it had any we can send. */
    record Accepted(Optional<RemoteAudio> audio) implements Signal {
    }

    /** A final non-2xx response to our INVITE that is not answered with credentials. */
    record Refused(int status, String reason) implements Signal {
    }

    /** A challenge to our INVITE answered with a new, authorized INVITE: a new transaction, nothing heard yet. */
    record Reinvited() implements Signal {
    }

    /** The application hangs up. */
    record HangUp() implements Signal {
    }

    /** The ring timeout passed. */
    record RingTimeout(String seconds) implements Signal {
    }

    /**
     * The session is found gone though no BYE said so ({@code why}): no RTP arrived for the media engine's timeout,
     * its session timer expired unrefreshed (RFC 4028 §10), or the peer no longer knows the dialog (a re-INVITE
     * answered 481 or 408, RFC 3261 §14.1).
     */
    record Lost(String why) implements Signal {

        Lost {
            Objects.requireNonNull(why, "why");
        }
    }

    /** The ACK of our 200 OK arrived, with the caller's audio from the INVITE's offer. */
    record Ack(RemoteAudio callerAudio) implements Signal {
    }

    /** Our 200 OK went unacknowledged for 64 × T1 (RFC 3261 §13.3.1.4). */
    record AckTimeout() implements Signal {
    }

    /** A transfer handed the leg over: it is released without its end being reported, then hung up. */
    record Transferred(SipUri target) implements Signal {
    }

    /**
     * The leg's SIP is over: the peer sent BYE, our BYE was answered, a transaction timed out or a request could not
     * be sent. {@code cause} is reported if the end was not yet.
     */
    record Over(ResultInformation cause) implements Signal {
    }

    /** What the signalling must do. */
    sealed interface Action {
    }

    /** Log the leg ringing. */
    record LogRinging(int status) implements Action {
    }

    /** Start the media towards the remote audio and report the leg answered. */
    record Answer(RemoteAudio audio) implements Action {
    }

    /** Report the leg ended and release its media. */
    record End(ResultInformation cause) implements Action {
    }

    /** Release the media of a leg handed over, reporting nothing. */
    record Release(SipUri target) implements Action {
    }

    /** Send CANCEL for the INVITE. */
    record SendCancel() implements Action {
    }

    /** Send BYE in the dialog. */
    record SendBye() implements Action {
    }

    /** Forget the leg. */
    record Forget() implements Action {
    }

    /** The next state and the actions that take the leg there. */
    record Step(LegState next, List<Action> actions) {

        Step {
            Objects.requireNonNull(next, "next");
            actions = List.copyOf(actions);
        }

        static Step to(LegState next, Action... actions) {
            return new Step(next, List.of(actions));
        }
    }

    static final String HUNG_UP_BEFORE_ANSWER = "Hung up by the application before answer.";

    /** Whether the leg's end has not been reported yet. */
    boolean isLive() {
        return ordinal() <= ANSWERED.ordinal();
    }

    boolean isRinging() {
        return this == CALLING || this == TRYING || this == RINGING;
    }

    /** The table: what {@code signal} does to a leg in this state. Signals that do not apply change nothing. */
    Step on(Signal signal) {
        if (signal instanceof Over over) {
            return isLive() ? Step.to(GONE, new End(over.cause()), new Forget()) : Step.to(GONE, new Forget());
        }
        if (signal instanceof Provisional provisional) {
            return provisional(provisional.status());
        }
        if (signal instanceof Accepted accepted) {
            return accepted(accepted.audio());
        }
        if (signal instanceof Refused refused) {
            ResultInformation cause = isLive() ? Causes.of(refused.status(), refused.reason())
                    : ResultInformation.canceled("SIP " + refused.status());
            return on(new Over(cause));
        }
        if (signal instanceof Reinvited) {
            return isRinging() ? Step.to(CALLING) : stay();
        }
        if (signal instanceof HangUp) {
            return hangUp(ResultInformation.canceled(HUNG_UP_BEFORE_ANSWER), ResultInformation.HUNG_UP_BY_APPLICATION);
        }
        if (signal instanceof RingTimeout timeout) {
            ResultInformation unanswered = ResultInformation.unavailable("no answer after " + timeout.seconds() + " s");
            return isRinging() ? hangUp(unanswered, unanswered) : stay();
        }
        if (signal instanceof Lost lost) {
            return this == ANSWERED
                    ? Step.to(HANGING_UP, new End(ResultInformation.unavailable(lost.why())), new SendBye())
                    : stay();
        }
        if (signal instanceof Ack ack) {
            return switch (this) {
                case ACCEPTED -> Step.to(ANSWERED, new Answer(ack.callerAudio()));
                case BYE_AFTER_ACK -> Step.to(HANGING_UP, new SendBye());
                default -> stay();
            };
        }
        if (signal instanceof AckTimeout) {
            return switch (this) {
                case ACCEPTED -> Step.to(HANGING_UP,
                        new End(ResultInformation.unavailable("SIP ACK not received for the 200 OK")), new SendBye());
                case BYE_AFTER_ACK -> Step.to(HANGING_UP, new SendBye());
                default -> stay();
            };
        }
        if (signal instanceof Transferred transferred) {
            return this == ANSWERED ? Step.to(HANGING_UP, new Release(transferred.target()), new SendBye()) : stay();
        }
        throw new IllegalArgumentException("signal: " + signal + " (expected: one of LegState's signals)");
    }

    private Step provisional(int status) {
        return switch (this) {
            case CALLING, TRYING -> status > 100 ? Step.to(RINGING, new LogRinging(status)) : Step.to(TRYING);
            case CANCEL_PENDING -> Step.to(CANCELING, new SendCancel());
            default -> stay();
        };
    }

    private Step accepted(Optional<RemoteAudio> audio) {
        if (isRinging()) {
            return audio.map(a -> Step.to(ANSWERED, new Answer(a))).orElseGet(() -> Step.to(HANGING_UP,
                    new End(ResultInformation.unavailable("SIP 488 Not Acceptable Here (no PCMU/PCMA in the answer)")),
                    new SendBye()));
        }
        // a 2xx that crossed our CANCEL (RFC 3261 §9.1): the session it opens is ended at once
        return this == CANCEL_PENDING || this == CANCELING ? Step.to(HANGING_UP, new SendBye()) : stay();
    }

    /** Ends a live leg: canceled while ringing (for {@code ringing}), else hung up (for {@code answered}). */
    private Step hangUp(ResultInformation ringing, ResultInformation answered) {
        return switch (this) {
            case CALLING -> Step.to(CANCEL_PENDING, new End(ringing));
            case TRYING, RINGING -> Step.to(CANCELING, new End(ringing), new SendCancel());
            case ACCEPTED -> Step.to(BYE_AFTER_ACK, new End(answered));
            case ANSWERED -> Step.to(HANGING_UP, new End(answered), new SendBye());
            default -> stay();
        };
    }

    private Step stay() {
        return Step.to(this);
    }
}
