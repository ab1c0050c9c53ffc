package io.switchboard.client;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import io.vertx.core.Vertx;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A client of the Call Automation REST API in its origin shape ({@code /calls/...}, {@code spec/seed-api.md}), the
 * Java counterpart of the origin C# SDK's {@code CallClient}. The server is whatever the connection string names:
 * Switchboard, or any server speaking the same API and signature scheme.
 *
 * <p><b>Requests</b> are signed with the access key as the official SDKs sign (HMAC-SHA256 over verb, path and
 * query, {@code x-ms-date}, host and the body's SHA-256). Each attempt is bounded by
 * {@link CallClientOptions#requestTimeout()}; 429 and 503 answers are retried after the delay the server asks for
 * ({@code Retry-After}), up to {@link CallClientOptions#maxAttempts()}.
 *
 * <p><b>Results</b> are {@link CompletionStage}s that complete on a Vert.x event loop: do not block in their
 * callbacks. Every failure completes them with a {@link CallAutomationClientException} carrying the HTTP status and
 * the service's error code and message. Bad arguments throw {@link IllegalArgumentException} at once.
 *
 * <p>Thread-safe; create one per server and {@link #close} it when done. Operations that the server completes later
 * (the call connecting, a play ending, an invitee answering) report their outcome as callback events to the call's
 * {@code callbackUri}: see {@link CallbackHandler}.
 */
public interface CallClient extends AutoCloseable {

    /**
     * @param connectionString {@code endpoint=https://host/;accesskey=<base64>}
     * @throws IllegalArgumentException naming the part of the connection string that is wrong (never the key)
     */
    static CallClient create(Vertx vertx, String connectionString, CallClientOptions options) {
        return VertxCallClient.create(vertx, ConnectionString.parse(connectionString), options);
    }

    /** {@code POST /calls}: dials the targets; the call connects (or fails) later, as events tell. */
    CompletionStage<CallConnectionId> createCall(CommunicationIdentifier source,
                                                 List<? extends CommunicationIdentifier> targets,
                                                 CreateCallOptions options);

    /** {@code POST /calls/{id}/Hangup}: hangs up every participant; completes when the server accepted it. */
    CompletionStage<Void> hangUp(CallConnectionId callId);

    /** {@code POST /calls/{id}/PlayAudio}: starts a play; its outcome follows as a {@code PlayAudioResult} event. */
    CompletionStage<MediaOperation> playAudio(CallConnectionId callId, URI audioFileUri, PlayAudioOptions options);

    /** {@code POST /calls/{id}/CancelMediaProcessing}: stops the running play, if any. */
    CompletionStage<MediaOperation> cancelMediaProcessing(CallConnectionId callId, Optional<String> operationContext);

    /** {@code POST /calls/{id}/participants}: dials more participants into the call. */
    CompletionStage<Void> inviteParticipants(CallConnectionId callId,
                                             List<? extends CommunicationIdentifier> participants,
                                             Optional<String> operationContext,
                                             Optional<PhoneNumberIdentifier> alternateCallerId);

    /**
     * {@code DELETE /calls/{id}/participants/{participantId}}: removes a participant, named by the id the server gave
     * it ({@link CallParticipant#id()}) or by its raw identifier.
     */
    CompletionStage<Void> removeParticipant(CallConnectionId callId, String participantId);

    /** {@code GET /calls/{id}} (a Switchboard extension of the origin API): the call's state and participants. */
    CompletionStage<CallConnectionProperties> getCall(CallConnectionId callId);

    /** Closes the HTTP client; requests in flight fail. */
    @Override
    void close();
}
