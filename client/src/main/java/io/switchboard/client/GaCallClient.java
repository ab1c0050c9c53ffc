package io.switchboard.client;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.media.PlaySource;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import io.vertx.core.Vertx;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A client of the Call Automation REST API in its GA shape ({@code /calling/callConnections/...},
 * {@code spec/acs-ga.md}), the Java counterpart of the official SDKs' {@code CallAutomationClient} and
 * {@code CallConnection}/{@code CallMedia}, against Switchboard or Azure Communication Services.
 *
 * <p><b>Requests</b> are signed, bounded and retried as {@link CallClient}'s are, and carry
 * {@code ?api-version=} ({@link CallClientOptions#apiVersion()}, by default {@value #DEFAULT_API_VERSION}). The
 * operations ACS makes repeatable (create, terminate, transfer, participants add, remove, mute and cancel, send
 * DTMF) carry {@code Repeatability-Request-ID} and {@code Repeatability-First-Sent}: new for each method call, the
 * same on its retries, so that the service executes a retried request once.
 *
 * <p><b>Results</b> are {@link CompletionStage}s that complete on a Vert.x event loop: do not block in their
 * callbacks. Every failure completes them with a {@link CallAutomationClientException} carrying the HTTP status and
 * the service's error code and message (e.g. 404, {@code 8522}: call not found). Any 2xx is a success. Bad
 * arguments throw {@link IllegalArgumentException} or {@link NullPointerException} at once.
 *
 * <p>Thread-safe; create one per server and {@link #close} it when done. Operations that the service completes
 * later report their outcome as callback events to the call's {@code callbackUri} (or the operation's
 * {@code operationCallbackUri}).
 */
public interface GaCallClient extends AutoCloseable {

    /** The {@code api-version} sent unless the options name another. */
    String DEFAULT_API_VERSION = "2025-05-15";

    /**
     * @param connectionString {@code endpoint=https://host/;accesskey=<base64>}
     * @param options          {@link CallClientOptions#apiVersion()} empty means {@value #DEFAULT_API_VERSION}
     * @throws IllegalArgumentException naming the part of the connection string that is wrong (never the key)
     */
    static GaCallClient create(Vertx vertx, String connectionString, CallClientOptions options) {
        return VertxGaCallClient.create(vertx, ConnectionString.parse(connectionString), options);
    }

    /** {@code POST /calling/callConnections} (201): dials the targets; the call is connecting. Repeatable. */
    CompletionStage<GaCallConnectionProperties> createCall(List<? extends CommunicationIdentifier> targets,
                                                           GaCreateCallOptions options);

    /**
     * {@code POST /calling/callConnections:answer} (200): answers the incoming call named by the
     * {@code incomingCallContext} of its IncomingCall event; the call is connecting, {@code CallConnected} (or
     * {@code AnswerFailed}) follows at {@code callbackUri}. Repeatable.
     */
    CompletionStage<GaCallConnectionProperties> answerCall(String incomingCallContext, URI callbackUri,
                                                           Optional<String> operationContext);

    /** {@code POST /calling/callConnections:reject} (204): refuses the incoming call. Repeatable. */
    CompletionStage<Void> rejectCall(String incomingCallContext, GaCallRejectReason reason);

    /** {@code POST /calling/callConnections:redirect} (204): sends the caller on to {@code target}. Repeatable. */
    CompletionStage<Void> redirectCall(String incomingCallContext, CommunicationIdentifier target);

    /** {@code GET /calling/callConnections/{id}}: the call's state now. */
    CompletionStage<GaCallConnectionProperties> getCall(CallConnectionId callId);

    /** {@code DELETE /calling/callConnections/{id}} (204): the application leaves the call. */
    CompletionStage<Void> hangUp(CallConnectionId callId);

    /** {@code POST …/{id}:terminate} (204): ends the call for everyone. Repeatable. */
    CompletionStage<Void> terminate(CallConnectionId callId);

    /**
     * {@code POST …/{id}:transferToParticipant} (202): blind-transfers the call's one other participant to
     * {@code target}; {@code CallTransferAccepted} or {@code CallTransferFailed} follows. Repeatable.
     */
    CompletionStage<Void> transferToParticipant(CallConnectionId callId, CommunicationIdentifier target,
                                                GaOperationOptions options);

    /** {@code GET …/{id}/participants}: the connected participants (the first page: {@code nextLink} is ignored). */
    CompletionStage<List<GaCallParticipant>> listParticipants(CallConnectionId callId);

    /** {@code GET …/{id}/participants/{rawId}}: one participant, 404 if it is not in the call. */
    CompletionStage<GaCallParticipant> getParticipant(CallConnectionId callId, CommunicationIdentifier participant);

    /**
     * {@code POST …/{id}/participants:add} (202): invites a participant; it joins or fails later, as events tell.
     * Repeatable.
     *
     * @param sourceCallerIdNumber the number a phone-number invitee sees as the caller
     */
    CompletionStage<AddParticipantResult> addParticipant(CallConnectionId callId, CommunicationIdentifier participant,
                                                         Optional<PhoneNumberIdentifier> sourceCallerIdNumber,
                                                         GaOperationOptions options);

    /** {@code POST …/{id}/participants:remove} (202). Repeatable. */
    CompletionStage<Void> removeParticipant(CallConnectionId callId, CommunicationIdentifier participant,
                                            GaOperationOptions options);

    /** {@code POST …/{id}/participants:mute} (200): mutes one participant. Repeatable. */
    CompletionStage<Void> muteParticipant(CallConnectionId callId, CommunicationIdentifier participant,
                                          Optional<String> operationContext);

    /** {@code POST …/{id}/participants:cancelAddParticipant} (202): withdraws a pending invitation. Repeatable. */
    CompletionStage<Void> cancelAddParticipant(CallConnectionId callId, String invitationId,
                                               GaOperationOptions options);

    /** {@code POST …/{id}:play} (202): plays a file (http or https); {@code PlayCompleted} or a failure follows. */
    CompletionStage<Void> play(CallConnectionId callId, URI file, GaPlayOptions options);

    /**
     * {@code POST …/{id}:play} (202): plays a file, text ({@code TextSource}) or SSML ({@code SsmlSource});
     * {@code PlayCompleted} or a failure follows.
     */
    CompletionStage<Void> play(CallConnectionId callId, PlaySource source, GaPlayOptions options);

    /** {@code POST …/{id}:cancelAllMediaOperations} (202): stops the running play or recognition, if any. */
    CompletionStage<Void> cancelAllMediaOperations(CallConnectionId callId);

    /** {@code POST …/{id}:recognize} (202): collects DTMF from {@code target}; {@code RecognizeCompleted} follows. */
    CompletionStage<Void> recognizeDtmf(CallConnectionId callId, CommunicationIdentifier target,
                                        GaRecognizeOptions options);

    /**
     * {@code POST …/{id}:recognize} (202): recognizes one of the options' choices said (or keyed) by {@code target},
     * or its free speech; {@code RecognizeCompleted} (with {@code choiceResult} or {@code speechResult}) follows.
     */
    CompletionStage<Void> recognizeSpeech(CallConnectionId callId, CommunicationIdentifier target,
                                          GaSpeechRecognizeOptions options);

    /** {@code POST …/{id}:startContinuousDtmfRecognition} (200): each tone of {@code target} becomes an event. */
    CompletionStage<Void> startContinuousDtmfRecognition(CallConnectionId callId, CommunicationIdentifier target,
                                                         GaOperationOptions options);

    /** {@code POST …/{id}:stopContinuousDtmfRecognition} (200). */
    CompletionStage<Void> stopContinuousDtmfRecognition(CallConnectionId callId, CommunicationIdentifier target,
                                                        GaOperationOptions options);

    /**
     * {@code POST …/{id}:sendDtmfTones} (202): plays tones to {@code target} ({@link Tone#FLASH} has no GA name and
     * is refused). Repeatable.
     */
    CompletionStage<Void> sendDtmfTones(CallConnectionId callId, CommunicationIdentifier target, List<Tone> tones,
                                        GaOperationOptions options);

    /** {@code POST …/{id}:hold} (200): puts {@code target} on hold (without hold music). */
    CompletionStage<Void> hold(CallConnectionId callId, CommunicationIdentifier target, GaOperationOptions options);

    /** {@code POST …/{id}:unhold} (200). */
    CompletionStage<Void> unhold(CallConnectionId callId, CommunicationIdentifier target, GaOperationOptions options);

    /** Closes the HTTP client; requests in flight fail. */
    @Override
    void close();
}
