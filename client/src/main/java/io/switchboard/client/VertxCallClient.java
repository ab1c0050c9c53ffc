package io.switchboard.client;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** {@link CallClient}: one route per method, bodies in {@link OriginWire}, requests through a {@link JsonExchange}. */
final class VertxCallClient implements CallClient {

    private final JsonExchange exchange;

    private VertxCallClient(JsonExchange exchange) {
        this.exchange = exchange;
    }

    static CallClient create(Vertx vertx, ConnectionString target, CallClientOptions options) {
        return new VertxCallClient(JsonExchange.open(vertx, target, options));
    }

    @Override
    public CompletionStage<CallConnectionId> createCall(CommunicationIdentifier source,
                                                        List<? extends CommunicationIdentifier> targets,
                                                        CreateCallOptions options) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(options, "options");
        if (targets == null || targets.isEmpty()) {
            throw new IllegalArgumentException("targets: " + targets + " (expected: at least one identifier)");
        }
        JsonObject body = OriginWire.createCall(source, List.copyOf(targets), options);
        return exchange.json(HttpMethod.POST, "/calls", body, OriginWire::callLegId);
    }

    @Override
    public CompletionStage<Void> hangUp(CallConnectionId callId) {
        return exchange.empty(HttpMethod.POST, call(callId) + "/Hangup", null);
    }

    @Override
    public CompletionStage<MediaOperation> playAudio(CallConnectionId callId, URI audioFileUri,
                                                     PlayAudioOptions options) {
        Objects.requireNonNull(audioFileUri, "audioFileUri");
        Objects.requireNonNull(options, "options");
        return exchange.json(HttpMethod.POST, call(callId) + "/PlayAudio", OriginWire.playAudio(audioFileUri, options),
                OriginWire::operation);
    }

    @Override
    public CompletionStage<MediaOperation> cancelMediaProcessing(CallConnectionId callId,
                                                                 Optional<String> operationContext) {
        JsonObject body = new JsonObject();
        operationContext.ifPresent(context -> body.put("operationContext", context));
        return exchange.json(HttpMethod.POST, call(callId) + "/CancelMediaProcessing", body, OriginWire::operation);
    }

    @Override
    public CompletionStage<Void> inviteParticipants(CallConnectionId callId,
                                                    List<? extends CommunicationIdentifier> participants,
                                                    Optional<String> operationContext,
                                                    Optional<PhoneNumberIdentifier> alternateCallerId) {
        if (participants == null || participants.isEmpty()) {
            throw new IllegalArgumentException("participants: " + participants
                    + " (expected: at least one identifier)");
        }
        JsonObject body = OriginWire.invite(List.copyOf(participants), operationContext, alternateCallerId);
        return exchange.empty(HttpMethod.POST, call(callId) + "/participants", body);
    }

    @Override
    public CompletionStage<Void> removeParticipant(CallConnectionId callId, String participantId) {
        if (participantId == null || participantId.isBlank()) {
            throw new IllegalArgumentException("participantId: " + participantId + " (expected: a non-empty id)");
        }
        return exchange.empty(HttpMethod.DELETE, call(callId) + "/participants/" + segment(participantId), null);
    }

    @Override
    public CompletionStage<CallConnectionProperties> getCall(CallConnectionId callId) {
        return exchange.json(HttpMethod.GET, call(callId), null, OriginWire::call);
    }

    @Override
    public void close() {
        exchange.close();
    }

    private static String call(CallConnectionId callId) {
        Objects.requireNonNull(callId, "callId");
        return "/calls/" + segment(callId.value());
    }

    private static String segment(String value) {
        return JsonExchange.segment(value);
    }
}
