package io.switchboard.adapter.client;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** {@link CallClient} over a Vert.x {@link WebClient}: one route per method, bodies in {@link OriginWire}. */
final class VertxCallClient implements CallClient {

    private static final String USER_AGENT = "Switchboard-CallClient/0.1";

    private final WebClient client;
    private final SignedTransport transport;

    private VertxCallClient(WebClient client, SignedTransport transport) {
        this.client = client;
        this.transport = transport;
    }

    static CallClient create(Vertx vertx, ConnectionString target, CallClientOptions options) {
        Objects.requireNonNull(vertx, "vertx");
        Objects.requireNonNull(options, "options");
        WebClient client = WebClient.create(vertx, new WebClientOptions().setUserAgent(USER_AGENT)
                .setFollowRedirects(false)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, options.requestTimeout().toMillis())));
        return new VertxCallClient(client, new SignedTransport(vertx, client, target, options));
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
        return json(HttpMethod.POST, "/calls", body, OriginWire::callLegId);
    }

    @Override
    public CompletionStage<Void> hangUp(CallConnectionId callId) {
        return empty(HttpMethod.POST, call(callId) + "/Hangup", null);
    }

    @Override
    public CompletionStage<MediaOperation> playAudio(CallConnectionId callId, URI audioFileUri,
                                                     PlayAudioOptions options) {
        Objects.requireNonNull(audioFileUri, "audioFileUri");
        Objects.requireNonNull(options, "options");
        return json(HttpMethod.POST, call(callId) + "/PlayAudio", OriginWire.playAudio(audioFileUri, options),
                OriginWire::operation);
    }

    @Override
    public CompletionStage<MediaOperation> cancelMediaProcessing(CallConnectionId callId,
                                                                 Optional<String> operationContext) {
        JsonObject body = new JsonObject();
        operationContext.ifPresent(context -> body.put("operationContext", context));
        return json(HttpMethod.POST, call(callId) + "/CancelMediaProcessing", body, OriginWire::operation);
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
        return empty(HttpMethod.POST, call(callId) + "/participants", body);
    }

    @Override
    public CompletionStage<Void> removeParticipant(CallConnectionId callId, String participantId) {
        if (participantId == null || participantId.isBlank()) {
            throw new IllegalArgumentException("participantId: " + participantId + " (expected: a non-empty id)");
        }
        return empty(HttpMethod.DELETE, call(callId) + "/participants/" + segment(participantId), null);
    }

    @Override
    public CompletionStage<CallConnectionProperties> getCall(CallConnectionId callId) {
        return json(HttpMethod.GET, call(callId), null, OriginWire::call);
    }

    @Override
    public void close() {
        client.close();
    }

    private <T> CompletionStage<T> json(HttpMethod method, String path, JsonObject body,
                                        Function<JsonObject, T> read) {
        return transport.send(method, path, buffer(body)).compose(response -> {
            try {
                return Future.succeededFuture(read.apply(response.body().toJsonObject()));
            } catch (DecodeException | IllegalArgumentException | ClassCastException | NullPointerException e) {
                return Future.<T>failedFuture(ServiceErrors.invalidResponse(response.status(),
                        "response body: " + e.getMessage()));
            }
        }).toCompletionStage();
    }

    private CompletionStage<Void> empty(HttpMethod method, String path, JsonObject body) {
        return transport.send(method, path, buffer(body)).<Void>mapEmpty().toCompletionStage();
    }

    private static Buffer buffer(JsonObject body) {
        return body == null ? Buffer.buffer() : body.toBuffer();
    }

    private static String call(CallConnectionId callId) {
        Objects.requireNonNull(callId, "callId");
        return "/calls/" + segment(callId.value());
    }

    /** Percent-encodes a path segment: {@code +} and {@code :} of raw ids included, space as {@code %20}. */
    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
