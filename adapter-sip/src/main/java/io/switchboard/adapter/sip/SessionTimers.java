package io.switchboard.adapter.sip;

import gov.nist.javax.sip.header.extensions.MinSEHeader;
import gov.nist.javax.sip.header.extensions.SessionExpiresHeader;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sip.header.Header;
import javax.sip.header.RequireHeader;
import javax.sip.header.SupportedHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Session timers (RFC 4028) on answered legs: a peer that asks for one ({@code Session-Expires}) gets it, refreshed by
 * whichever side it names, by default the peer itself; a session the peer was to refresh and did not is ended with BYE
 * (§10), one we refresh gets a re-INVITE at half its interval. Our INVITEs say {@code Supported: timer}, so a carrier
 * may set one on its answer. An interval below the minimum is refused with 422 and {@code Min-SE} (§8.1). The
 * {@code refresher} of each transaction names its client ({@code uac}) or its server ({@code uas}), whichever side
 * sent the INVITE. Confined to the signalling thread.
 */
final class SessionTimers {

    /** The option tag of session timers. */
    static final String TAG = "timer";
    /** No session interval may be shorter (RFC 4028 §4). */
    static final int RFC_MINIMUM = 90;
    private static final String UAC = "uac";
    private static final String UAS = "uas";

    /** The interval agreed for a leg's session, and whether this side sends the refreshes. */
    record Agreed(int seconds, boolean weRefresh) {

        Agreed {
            if (seconds < 1) {
                throw new IllegalArgumentException("seconds: " + seconds + " (expected: > 0)");
            }
        }

        /**
         * When the refresher refreshes (half the interval), or when the other side gives up on it: a third of the
         * interval, at most 32 s, before it ends (RFC 4028 §10).
         */
        Duration due() {
            return weRefresh ? Duration.ofMillis(seconds * 500L)
                    : Duration.ofSeconds(seconds).minusMillis(Math.min(32_000L, seconds * 1000L / 3));
        }
    }

    /** What an INVITE or re-INVITE to us asks: a session timer, one shorter than the minimum, or none. */
    sealed interface Asked {
    }

    /** No session timer: the session does not expire. */
    record NotAsked() implements Asked {
    }

    /** An interval below the minimum: refused with 422. */
    record TooShort(int seconds) implements Asked {
    }

    /** A session timer, as our 2xx will state it. */
    record Granted(Agreed timer) implements Asked {
    }

    private final SipEndpoint sip;
    private final SignallingThread thread;
    private final LegTable legs;
    private final LegSignals signals;
    private final int minimum;
    private final Consumer<Leg> refresh;

    /**
     * @param minimum the shortest interval granted, in seconds
     * @param refresh sends a leg's refresh (a re-INVITE) when it is due and this side refreshes
     */
    SessionTimers(SipEndpoint sip, SignallingThread thread, LegTable legs, LegSignals signals, int minimum,
                  Consumer<Leg> refresh) {
        this.sip = sip;
        this.thread = thread;
        this.legs = legs;
        this.signals = signals;
        this.minimum = minimum;
        this.refresh = refresh;
    }

    /**
     * What an INVITE or re-INVITE to us asks (RFC 4028 §9). A peer that supports timers refreshes itself unless it
     * asks us to; one that does not say so is granted no timer, as a UAS without the extension would answer.
     */
    Asked asked(Request request) {
        Optional<SessionExpiresHeader> expires = sessionExpires(request);
        if (expires.isEmpty()) {
            return new NotAsked();
        }
        if (!lists(request, SupportedHeader.NAME, TAG) && !lists(request, RequireHeader.NAME, TAG)) {
            return new NotAsked(); // put there by a proxy: the caller would not understand 422 or refreshing
        }
        int seconds = expires.get().getExpires();
        if (seconds < minimum) {
            return new TooShort(seconds);
        }
        return new Granted(new Agreed(seconds, UAS.equals(refresher(expires.get()))));
    }

    /** 422 Session Interval Too Small with our minimum in {@code Min-SE} (RFC 4028 §6). */
    Response tooShort(Request request) throws Exception {
        Response response = sip.response(request, 422, null);
        response.setReasonPhrase("Session Interval Too Small");
        response.addHeader(sip.headers.createHeader(MinSEHeader.NAME, String.valueOf(minimum)));
        return response;
    }

    /**
     * Writes what {@code asked} grants into our 2xx to the (re-)INVITE (which says {@code Supported: timer} already,
     * {@link SipEndpoint#capabilities}) and starts the leg's timer, or stops it when
     * nothing was asked: a 2xx without {@code Session-Expires} ends the session's expiry (RFC 4028 §9).
     */
    void grant(Leg leg, Asked asked, Response ok) throws Exception {
        if (!(asked instanceof Granted granted)) {
            stop(leg);
            return;
        }
        Agreed timer = granted.timer();
        ok.addHeader(sessionExpires(timer, false));
        if (!timer.weRefresh()) {
            ok.addHeader(sip.headers.createRequireHeader(TAG)); // the peer must refresh (§9)
        }
        start(leg, timer);
    }

    /** Asks in our re-INVITE to keep the leg's session timer, if it has one, as it is: we are its client. */
    void offer(Leg leg, Request invite) throws Exception {
        if (leg.sessionTimer != null) {
            invite.addHeader(sessionExpires(leg.sessionTimer, true));
        }
    }

    /**
     * {@code Session-Expires} stating {@code timer}, in a request of ours ({@code ourRequest}: we are its
     * {@code uac}) or in our response to the peer's (we are its {@code uas}).
     */
    private Header sessionExpires(Agreed timer, boolean ourRequest) throws Exception {
        String refresher = timer.weRefresh() == ourRequest ? UAC : UAS;
        return sip.headers.createHeader(SessionExpiresHeader.NAME, timer.seconds() + ";refresher=" + refresher);
    }

    /**
     * A 2xx to our INVITE or re-INVITE: its {@code Session-Expires} starts (or restarts) the leg's timer, refreshed by
     * us unless it names the peer ({@code uas}); without one the session does not expire (RFC 4028 §7.2).
     */
    void answered(Leg leg, Response ok) {
        Optional<SessionExpiresHeader> expires = sessionExpires(ok);
        if (expires.isEmpty()) {
            stop(leg);
            return;
        }
        start(leg, new Agreed(Math.max(1, expires.get().getExpires()), !UAS.equals(refresher(expires.get()))));
    }

    /** The leg's session no longer expires: its timer is canceled. */
    void stop(Leg leg) {
        if (leg.sessionDue != null) {
            leg.sessionDue.cancel(false);
            leg.sessionDue = null;
        }
        leg.sessionTimer = null;
    }

    private void start(Leg leg, Agreed timer) {
        boolean changed = !timer.equals(leg.sessionTimer);
        stop(leg);
        leg.sessionTimer = timer;
        if (changed) {
            legs.note(leg, "session timer " + timer.seconds() + " s, refreshed by "
                    + (timer.weRefresh() ? "us" : "the peer") + " (RFC 4028)");
        }
        leg.sessionDue = thread.schedule("session timer of " + leg, timer.due(), () -> due(leg, timer));
    }

    private void due(Leg leg, Agreed timer) {
        if (legs.find(leg.id()).orElse(null) != leg || leg.sessionTimer != timer) {
            return; // ended, or refreshed since
        }
        leg.sessionDue = null;
        if (timer.weRefresh()) {
            refresh.accept(leg);
            if (leg.state == LegState.ANSWERED) {
                start(leg, timer); // the refresh's 2xx restarts it; should it be refused, the next one is tried
            }
        } else {
            signals.apply(leg, new LegState.Lost("SIP session timer expired: no refresh within " + timer.seconds()
                    + " s (RFC 4028)"));
        }
    }

    private static Optional<SessionExpiresHeader> sessionExpires(Message message) {
        Header header = message.getHeader(SessionExpiresHeader.NAME);
        return header instanceof SessionExpiresHeader expires ? Optional.of(expires) : Optional.empty();
    }

    private static String refresher(SessionExpiresHeader expires) {
        String refresher = expires.getRefresher();
        return refresher == null ? "" : refresher.toLowerCase(Locale.ROOT);
    }

    /** Whether one of the message's header fields of that name lists the option tag. */
    private static boolean lists(Message message, String name, String tag) {
        return SipEndpoint.optionTags(message, name).stream().anyMatch(tag::equalsIgnoreCase);
    }
}
