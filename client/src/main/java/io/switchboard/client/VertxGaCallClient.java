package io.switchboard.client;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.media.FilePlaySource;
import io.switchboard.domain.media.PlaySource;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;

/**
 * {@link GaCallClient}: one route per method, bodies in {@link GaWire}, requests through a {@link JsonExchange}.
 * Arguments are checked and bodies built before anything is sent, so that bad ones throw at once.
 */
final class VertxGaCallClient implements GaCallClient {

    private static final String CALLS = "/calling/callConnections";

    private final JsonExchange exchange;

    private VertxGaCallClient(JsonExchange exchange) {
        this.exchange = exchange;
    }

    static GaCallClient create(Vertx vertx, ConnectionString target, CallClientOptions options) {
        return create(vertx, target, options, UUID::randomUUID);
    }

    /** @param requestIds the source of {@code Repeatability-Request-ID}s: random in use, fixed in tests */
    static GaCallClient create(Vertx vertx, ConnectionString target, CallClientOptions options,
                               Supplier<UUID> requestIds) {
        Objects.requireNonNull(options, "options");
        CallClientOptions versioned = options.apiVersion().isPresent() ? options
                : options.withApiVersion(DEFAULT_API_VERSION);
        return new VertxGaCallClient(JsonExchange.open(vertx, target, versioned, requestIds));
    }

    @Override
    public CompletionStage<GaCallConnectionProperties> createCall(List<? extends CommunicationIdentifier> targets,
                                                                  GaCreateCallOptions options) {
        Objects.requireNonNull(options, "options");
        if (targets == null || targets.isEmpty()) {
            throw new IllegalArgumentException("targets: " + targets + " (expected: at least one identifier)");
        }
        return exchange.json(POST, CALLS, GaWire.createCall(List.copyOf(targets), options),
                exchange.repeatability(), GaWire::callConnection);
    }

    @Override
    public CompletionStage<GaCallConnectionProperties> answerCall(String incomingCallContext, URI callbackUri,
                                                                  Optional<String> operationContext) {
        Objects.requireNonNull(callbackUri, "callbackUri");
        Objects.requireNonNull(operationContext, "operationContext");
        JsonObject body = new JsonObject().put("incomingCallContext", context(incomingCallContext))
                .put("callbackUri", callbackUri.toString());
        operationContext.ifPresent(context -> body.put("operationContext", context));
        return exchange.json(POST, CALLS + ":answer", body, exchange.repeatability(), GaWire::callConnection);
    }

    @Override
    public CompletionStage<Void> rejectCall(String incomingCallContext, GaCallRejectReason reason) {
        Objects.requireNonNull(reason, "reason");
        return repeatable(CALLS + ":reject", new JsonObject().put("incomingCallContext", context(incomingCallContext))
                .put("callRejectReason", reason.wire()));
    }

    @Override
    public CompletionStage<Void> redirectCall(String incomingCallContext, CommunicationIdentifier target) {
        return repeatable(CALLS + ":redirect", new JsonObject().put("incomingCallContext", context(incomingCallContext))
                .put("target", IdentifierWire.write(required(target))));
    }

    @Override
    public CompletionStage<GaCallConnectionProperties> getCall(CallConnectionId callId) {
        return exchange.json(GET, call(callId), null, GaWire::callConnection);
    }

    @Override
    public CompletionStage<Void> hangUp(CallConnectionId callId) {
        return exchange.empty(HttpMethod.DELETE, call(callId), null);
    }

    @Override
    public CompletionStage<Void> terminate(CallConnectionId callId) {
        return repeatable(call(callId) + ":terminate", null);
    }

    @Override
    public CompletionStage<Void> transferToParticipant(CallConnectionId callId, CommunicationIdentifier target,
                                                       GaOperationOptions options) {
        return repeatable(call(callId) + ":transferToParticipant", GaWire.transfer(required(target), options));
    }

    @Override
    public CompletionStage<List<GaCallParticipant>> listParticipants(CallConnectionId callId) {
        return exchange.json(GET, call(callId) + "/participants", null, GaWire::participants);
    }

    @Override
    public CompletionStage<GaCallParticipant> getParticipant(CallConnectionId callId,
                                                             CommunicationIdentifier participant) {
        String path = call(callId) + "/participants/" + JsonExchange.segment(required(participant).rawId());
        return exchange.json(GET, path, null, GaWire::participant);
    }

    @Override
    public CompletionStage<AddParticipantResult> addParticipant(CallConnectionId callId,
                                                                CommunicationIdentifier participant,
                                                                Optional<PhoneNumberIdentifier> sourceCallerIdNumber,
                                                                GaOperationOptions options) {
        JsonObject body = GaWire.addParticipant(required(participant), sourceCallerIdNumber, options);
        return exchange.json(POST, call(callId) + "/participants:add", body, exchange.repeatability(),
                GaWire::added);
    }

    @Override
    public CompletionStage<Void> removeParticipant(CallConnectionId callId, CommunicationIdentifier participant,
                                                   GaOperationOptions options) {
        return repeatable(call(callId) + "/participants:remove",
                GaWire.removeParticipant(required(participant), options));
    }

    @Override
    public CompletionStage<Void> muteParticipant(CallConnectionId callId, CommunicationIdentifier participant,
                                                 Optional<String> operationContext) {
        return repeatable(call(callId) + "/participants:mute", GaWire.mute(required(participant), operationContext));
    }

    @Override
    public CompletionStage<Void> cancelAddParticipant(CallConnectionId callId, String invitationId,
                                                      GaOperationOptions options) {
        if (invitationId == null || invitationId.isBlank()) {
            throw new IllegalArgumentException("invitationId: " + invitationId + " (expected: a non-empty id)");
        }
        return repeatable(call(callId) + "/participants:cancelAddParticipant",
                GaWire.cancelAddParticipant(invitationId, options));
    }

    @Override
    public CompletionStage<Void> play(CallConnectionId callId, URI file, GaPlayOptions options) {
        GaOperationOptions.requireHttp("file", file);
        return play(callId, new FilePlaySource(file, Optional.empty()), options);
    }

    @Override
    public CompletionStage<Void> play(CallConnectionId callId, PlaySource source, GaPlayOptions options) {
        return action(callId, "play", GaWire.play(Objects.requireNonNull(source, "source"),
                Objects.requireNonNull(options, "options")));
    }

    @Override
    public CompletionStage<Void> cancelAllMediaOperations(CallConnectionId callId) {
        return action(callId, "cancelAllMediaOperations", null);
    }

    @Override
    public CompletionStage<Void> recognizeDtmf(CallConnectionId callId, CommunicationIdentifier target,
                                               GaRecognizeOptions options) {
        return action(callId, "recognize",
                GaWire.recognizeDtmf(required(target), Objects.requireNonNull(options, "options")));
    }

    @Override
    public CompletionStage<Void> recognizeSpeech(CallConnectionId callId, CommunicationIdentifier target,
                                                 GaSpeechRecognizeOptions options) {
        return action(callId, "recognize",
                GaWire.recognizeSpeech(required(target), Objects.requireNonNull(options, "options")));
    }

    @Override
    public CompletionStage<Void> startContinuousDtmfRecognition(CallConnectionId callId,
                                                                CommunicationIdentifier target,
                                                                GaOperationOptions options) {
        return action(callId, "startContinuousDtmfRecognition", GaWire.onParticipant(required(target), options));
    }

    @Override
    public CompletionStage<Void> stopContinuousDtmfRecognition(CallConnectionId callId,
                                                               CommunicationIdentifier target,
                                                               GaOperationOptions options) {
        return action(callId, "stopContinuousDtmfRecognition", GaWire.onParticipant(required(target), options));
    }

    @Override
    public CompletionStage<Void> sendDtmfTones(CallConnectionId callId, CommunicationIdentifier target,
                                               List<Tone> tones, GaOperationOptions options) {
        if (tones == null || tones.isEmpty()) {
            throw new IllegalArgumentException("tones: " + tones + " (expected: at least one tone)");
        }
        return repeatable(call(callId) + ":sendDtmfTones",
                GaWire.sendDtmfTones(required(target), List.copyOf(tones), options));
    }

    @Override
    public CompletionStage<Void> hold(CallConnectionId callId, CommunicationIdentifier target,
                                      GaOperationOptions options) {
        return action(callId, "hold", GaWire.onParticipant(required(target), options));
    }

    @Override
    public CompletionStage<Void> unhold(CallConnectionId callId, CommunicationIdentifier target,
                                        GaOperationOptions options) {
        return action(callId, "unhold", GaWire.onParticipant(required(target), options));
    }

    @Override
    public void close() {
        exchange.close();
    }

    private CompletionStage<Void> action(CallConnectionId callId, String action, JsonObject body) {
        return exchange.empty(POST, call(callId) + ":" + action, body);
    }

    /** A POST with new repeatability headers, its answer's body ignored. */
    private CompletionStage<Void> repeatable(String path, JsonObject body) {
        return exchange.empty(POST, path, body, exchange.repeatability());
    }

    private static String context(String incomingCallContext) {
        if (incomingCallContext == null || incomingCallContext.isBlank()) {
            throw new IllegalArgumentException("incomingCallContext: " + incomingCallContext
                    + " (expected: the incomingCallContext of an IncomingCall event)");
        }
        return incomingCallContext;
    }

    private static String call(CallConnectionId callId) {
        Objects.requireNonNull(callId, "callId");
        return CALLS + "/" + JsonExchange.segment(callId.value());
    }

    private static CommunicationIdentifier required(CommunicationIdentifier identifier) {
        return Objects.requireNonNull(identifier, "participant");
    }
}
