package io.switchboard.client;

import io.switchboard.domain.media.DtmfOptions;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * The receiving end of Switchboard's callbacks: mount it at an application's callback URI, e.g.
 * {@code router.post("/callbacks").handler(CallbackHandler.create(key, listener))}, with or without a
 * {@code BodyHandler} before it (without one, it reads at most 1 MiB itself).
 *
 * <p><b>Per request</b>, in order:
 * <ol>
 *   <li>verifies {@code X-Switchboard-Signature: v1=base64(HMAC-SHA256(key, id + "." + timestamp + "." + body))}
 *       over {@code X-Switchboard-Event-Id} and {@code X-Switchboard-Timestamp} (unix seconds): a missing header,
 *       a signature that does not match, or a timestamp further than the allowed skew from the clock answers
 *       <b>401</b>; the signature header may list several {@code v1=} values separated by commas or spaces;</li>
 *   <li>reads the body: one CloudEvent (the 2021 origin schema) or an array of them (GA); anything else is
 *       <b>400</b>;</li>
 *   <li>skips events whose CloudEvent {@code id} it has accepted before (the last 10,000 ids), so a retried
 *       delivery reaches the listener once;</li>
 *   <li>decodes each event into its {@code io.switchboard.domain.event} record and calls
 *       {@link CallbackListener#onEvent}; an event it cannot decode goes to {@link CallbackListener#onUnknown};</li>
 *   <li>answers <b>200</b> once the listener has returned, <b>500</b> if it threw (the sender retries).</li>
 * </ol>
 *
 * <p><b>What the wire does not carry</b> is filled in as follows. The handler remembers, for the last 10,000 calls,
 * whether a call was seen connected and its participants from the latest {@code ParticipantsUpdated}; events are
 * delivered in order per call, so later events of the call use them.
 * <ul>
 *   <li>{@code CallConnectionStateChanged.wasConnected}: GA says it by type ({@code CallDisconnected} true,
 *       {@code CreateCallFailed} and {@code AnswerFailed} false); origin: false for connecting and connected; for disconnecting and
 *       disconnected whether this call was seen connected, or, for a call not seen before, whether its result is a
 *       success (2xx: hung up) rather than a failure (busy, unavailable, ...).</li>
 *   <li>Participants: id from {@code participantId}, else the identifier's raw id; the leg id equals the participant
 *       id; {@code joined}/{@code invited}/state follow the event (listed in {@code ParticipantsUpdated}: connected,
 *       not invited, on hold as GA's {@code isOnHold} says (origin: never); add succeeded: connected, invited; add
 *       failed: connecting, invited; removed: removing).</li>
 *   <li>{@code ToneReceived.from}, and the participant of GA's {@code ContinuousDtmfRecognitionStopped} and
 *       {@code HoldFailed}: the remembered participant with that id (origin) or the call's only remembered
 *       participant (GA); else a participant with the id (or {@link #UNKNOWN}) and identifier
 *       {@code UnknownIdentifier("unknown")}.</li>
 *   <li>{@code CancelAddParticipantSucceeded.invitee}: the {@code invitationId} as participant (and leg) id, identifier
 *       {@code UnknownIdentifier("unknown")}, canceling, not joined, invited, with the event's context.</li>
 *   <li>Play events: the source is {@code FilePlaySource(}{@link #UNKNOWN_AUDIO}{@code )}, {@code loop} false, the
 *       status completed or failed with the event's result; GA sends no operation id: {@link #UNKNOWN}. An origin
 *       {@code PlayAudioResult} failed with subcode 8508 is a {@code PlayCanceled}.</li>
 *   <li>Recognize events: operation id and target leg {@link #UNKNOWN}, options {@link #UNKNOWN_DTMF_OPTIONS}, no
 *       prompt, not prompting; the tones of {@code dtmfResult} when completed, none when failed or canceled (GA does
 *       not report the tones collected before a timeout).</li>
 *   <li>{@code operationCallbackUri} of an operation's event: empty (the event was delivered there; the wire does
 *       not repeat it).</li>
 *   <li>A missing result is {@code (200, 0, "")} (connected: {@code ResultInformation.CONNECTED}); a missing
 *       {@code serverCallId} is empty.</li>
 * </ul>
 *
 * <p><b>Threading.</b> Runs on the event loop that routes the request and never blocks; one handler may serve
 * several event loops (its memories are thread-safe).
 */
public interface CallbackHandler extends Handler<RoutingContext> {

    /** The clock skew allowed between the sender's timestamp and this handler's clock unless told otherwise. */
    Duration DEFAULT_SKEW = Duration.ofMinutes(5);

    /** Stands for an id the wire does not carry. */
    String UNKNOWN = "unknown";

    /** Stands for the audio of a play event: the wire does not say what was played. */
    URI UNKNOWN_AUDIO = URI.create("http://unknown.invalid/");

    /** Stands for the options of a recognition, which the wire does not carry: ACS's defaults. */
    DtmfOptions UNKNOWN_DTMF_OPTIONS = new DtmfOptions(1, Set.of(), Duration.ofSeconds(2), Duration.ofSeconds(5));

    /** A handler with the system UTC clock and {@link #DEFAULT_SKEW}. */
    static CallbackHandler create(byte[] signingKey, CallbackListener listener) {
        return create(signingKey, listener, Clock.systemUTC(), DEFAULT_SKEW);
    }

    /**
     * @param signingKey  the key the sender signs with (Switchboard: the decoded access key); copied
     * @param allowedSkew how far a request's timestamp may be from {@code clock}, either way
     * @throws IllegalArgumentException if the key is shorter than 16 bytes or the skew is not positive
     */
    static CallbackHandler create(byte[] signingKey, CallbackListener listener, Clock clock, Duration allowedSkew) {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(clock, "clock");
        if (signingKey == null || signingKey.length < 16) {
            throw new IllegalArgumentException("signingKey: " + (signingKey == null ? null : signingKey.length
                    + " bytes") + " (expected: at least 16 bytes)");
        }
        if (allowedSkew == null || allowedSkew.isZero() || allowedSkew.isNegative()) {
            throw new IllegalArgumentException("allowedSkew: " + allowedSkew + " (expected: a positive duration)");
        }
        return new SignedCallbackHandler(new SignatureCheck(signingKey.clone(), clock, allowedSkew),
                CallbackDecoder.create(), new RecentIds(10_000), listener);
    }
}
