package io.switchboard.client;

import io.switchboard.client.StubServer.Received;
import io.switchboard.client.StubServer.Reply;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What the GA client puts on the wire (api-version, repeatability, bodies), against a scripted local server. */
@ExtendWith(VertxExtension.class)
class GaCallClientTransportTest {

    private static final CallConnectionId CALL = CallConnectionId.of("call-1");
    private static final PhoneNumberIdentifier PHONE = new PhoneNumberIdentifier("+15550100001");
    private static final GaOperationOptions NONE = GaOperationOptions.none();
    private static final URI CALLBACK = URI.create("https://app.example/callbacks");
    /** One body that every GA reader accepts, so that one stub answers every method. */
    private static final String ANY = """
            {"callConnectionId":"call-1","callConnectionState":"transferAccepted","serverCallId":"s-1",
             "targets":[{"kind":"phoneNumber","rawId":"4:+15550100001","phoneNumber":{"value":"+15550100001"}}],
             "value":[{"identifier":{"rawId":"4:+15550100001"},"isMuted":true}],
             "identifier":{"rawId":"4:+15550100001"},"isOnHold":true,"invitationId":"inv-1"}""";

    private GaCallClient client;

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
    }

    private GaCallClient client(Vertx vertx, StubServer stub, CallClientOptions options) {
        client = GaCallClient.create(vertx, stub.connectionString(), options);
        return client;
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void retriesWithTheSameRepeatabilityHeadersSoTheServiceExecutesOnce(Vertx vertx) throws Exception {
        // given
        StubServer stub = StubServer.start(vertx,
                Reply.of(503, Map.of("Retry-After", "0"), "{\"error\":{\"code\":\"Busy\",\"message\":\"later\"}}"),
                Reply.of(201, ANY));

        // when
        GaCallConnectionProperties call = await(client(vertx, stub, CallClientOptions.defaults())
                .createCall(List.of(PHONE), GaCreateCallOptions.of(CALLBACK)));

        // then
        assertThat(call.id()).isEqualTo(CALL);
        List<Received> requests = stub.requests();
        assertThat(requests).hasSize(2);
        String id = requests.get(0).headers().get("repeatability-request-id");
        String firstSent = requests.get(0).headers().get("repeatability-first-sent");
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
        assertThat(ZonedDateTime.parse(firstSent, DateTimeFormatter.RFC_1123_DATE_TIME)).isNotNull();
        assertThat(requests.get(1).headers()).containsEntry("repeatability-request-id", id)
                .containsEntry("repeatability-first-sent", firstSent);
        assertThat(requests).extracting(Received::uri)
                .containsOnly("/calling/callConnections?api-version=2025-05-15");
    }

    @Test
    void sendsTheApiVersionOnEveryRequestAndANewRequestIdPerRepeatableCall(Vertx vertx) throws Exception {
        // given
        StubServer stub = StubServer.start(vertx, Reply.of(200, ANY));
        GaCallClient ga = client(vertx, stub, CallClientOptions.defaults());
        URI file = URI.create("https://media.example/a.wav");

        // when
        await(ga.createCall(List.of(PHONE), GaCreateCallOptions.of(CALLBACK)));
        await(ga.getCall(CALL));
        await(ga.hangUp(CALL));
        await(ga.terminate(CALL));
        await(ga.transferToParticipant(CALL, PHONE, NONE));
        assertThat(await(ga.listParticipants(CALL))).containsExactly(new GaCallParticipant(PHONE, true, false));
        assertThat(await(ga.getParticipant(CALL, PHONE)).onHold()).isTrue();
        assertThat(await(ga.addParticipant(CALL, PHONE, Optional.empty(), NONE)).invitationId()).isEqualTo("inv-1");
        await(ga.removeParticipant(CALL, PHONE, NONE));
        await(ga.muteParticipant(CALL, PHONE, Optional.empty()));
        await(ga.cancelAddParticipant(CALL, "inv-1", NONE));
        await(ga.play(CALL, file, GaPlayOptions.toEveryone()));
        await(ga.cancelAllMediaOperations(CALL));
        await(ga.recognizeDtmf(CALL, PHONE, GaRecognizeOptions.dtmf(2)));
        await(ga.startContinuousDtmfRecognition(CALL, PHONE, NONE));
        await(ga.stopContinuousDtmfRecognition(CALL, PHONE, NONE));
        await(ga.sendDtmfTones(CALL, PHONE, List.of(Tone.ONE), NONE));
        await(ga.hold(CALL, PHONE, NONE));
        await(ga.unhold(CALL, PHONE, NONE));

        // then
        String call = "/calling/callConnections/call-1";
        assertThat(stub.requests()).extracting(r -> r.method() + " " + r.uri().replace("?api-version=2025-05-15", ""))
                .containsExactly("POST /calling/callConnections", "GET " + call, "DELETE " + call,
                        "POST " + call + ":terminate", "POST " + call + ":transferToParticipant",
                        "GET " + call + "/participants", "GET " + call + "/participants/4%3A%2B15550100001",
                        "POST " + call + "/participants:add", "POST " + call + "/participants:remove",
                        "POST " + call + "/participants:mute", "POST " + call + "/participants:cancelAddParticipant",
                        "POST " + call + ":play", "POST " + call + ":cancelAllMediaOperations",
                        "POST " + call + ":recognize", "POST " + call + ":startContinuousDtmfRecognition",
                        "POST " + call + ":stopContinuousDtmfRecognition", "POST " + call + ":sendDtmfTones",
                        "POST " + call + ":hold", "POST " + call + ":unhold");
        assertThat(stub.requests()).allSatisfy(r -> assertThat(r.uri()).endsWith("?api-version=2025-05-15"));
        List<String> repeatable = List.of("POST /calling/callConnections", ":terminate", ":transferToParticipant",
                "participants:add", "participants:remove", "participants:mute", "participants:cancelAddParticipant",
                ":sendDtmfTones");
        List<Received> withId = stub.requests().stream()
                .filter(r -> r.headers().containsKey("repeatability-request-id")).toList();
        assertThat(withId).hasSize(repeatable.size()).allSatisfy(r -> assertThat(repeatable)
                .anySatisfy(route -> assertThat((r.method() + " " + r.uri()).split("\\?")[0]).endsWith(route)));
        assertThat(withId).extracting(r -> r.headers().get("repeatability-request-id")).doesNotHaveDuplicates();
    }

    @Test
    void answersRejectsAndRedirectsIncomingCallsByTheirContextRepeatably(Vertx vertx) throws Exception {
        // given
        StubServer stub = StubServer.start(vertx, Reply.of(200, ANY), Reply.of(204, ""), Reply.of(204, ""));
        GaCallClient ga = client(vertx, stub, CallClientOptions.defaults());

        // when
        GaCallConnectionProperties answered = await(ga.answerCall("ctx-1", CALLBACK, Optional.of("inbound")));
        await(ga.rejectCall("ctx-2", GaCallRejectReason.BUSY));
        await(ga.redirectCall("ctx-3", PHONE));

        // then
        assertThat(answered.id()).isEqualTo(CALL);
        List<Received> requests = stub.requests();
        assertThat(requests).extracting(r -> r.method() + " " + r.uri()).containsExactly(
                "POST /calling/callConnections:answer?api-version=2025-05-15",
                "POST /calling/callConnections:reject?api-version=2025-05-15",
                "POST /calling/callConnections:redirect?api-version=2025-05-15");
        assertThat(new JsonObject(requests.get(0).body())).isEqualTo(new JsonObject().put("incomingCallContext",
                "ctx-1").put("callbackUri", CALLBACK.toString()).put("operationContext", "inbound"));
        assertThat(new JsonObject(requests.get(1).body())).isEqualTo(new JsonObject()
                .put("incomingCallContext", "ctx-2").put("callRejectReason", "busy"));
        assertThat(new JsonObject(requests.get(2).body()).getJsonObject("target").getString("rawId"))
                .isEqualTo("4:+15550100001");
        assertThat(requests).allSatisfy(r -> assertThat(r.headers()).containsKey("repeatability-request-id"));
        assertThatThrownBy(() -> ga.answerCall(" ", CALLBACK, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("incomingCallContext: ");
    }

    @Test
    void sendsTheConfiguredApiVersion(Vertx vertx) throws Exception {
        StubServer stub = StubServer.start(vertx, Reply.of(204, ""));

        await(client(vertx, stub, CallClientOptions.defaults().withApiVersion("2026-03-12")).terminate(CALL));

        assertThat(stub.requests().get(0).uri())
                .isEqualTo("/calling/callConnections/call-1:terminate?api-version=2026-03-12");
        assertThat(stub.requests().get(0).body()).isEmpty();
    }

    @Test
    void writesGaBodiesWithoutKindOnMediaIdentifiersAndTonesByName(Vertx vertx) throws Exception {
        // given
        StubServer stub = StubServer.start(vertx, Reply.of(202, ""));
        GaCallClient ga = client(vertx, stub, CallClientOptions.defaults());

        // when
        await(ga.recognizeDtmf(CALL, PHONE, GaRecognizeOptions.dtmf(3).withStopTones(Tone.POUND, Tone.STAR)
                .withPrompt(URI.create("https://media.example/menu.wav"), true)
                .withOperation(NONE.withOperationContext("menu").withOperationCallbackUri(CALLBACK))));
        await(ga.play(CALL, URI.create("https://media.example/a.wav"), GaPlayOptions.toEveryone()
                .withPlayTo(List.of(PHONE)).withLoop(true)));

        // then
        assertThat(new JsonObject(stub.requests().get(0).body())).isEqualTo(new JsonObject("""
                {"operationContext":"menu","operationCallbackUri":"https://app.example/callbacks",
                 "recognizeInputType":"dtmf",
                 "recognizeOptions":{"targetParticipant":{"rawId":"4:+15550100001",
                                                          "phoneNumber":{"value":"+15550100001"}},
                   "interruptPrompt":true,"initialSilenceTimeoutInSeconds":5,
                   "dtmfOptions":{"interToneTimeoutInSeconds":2,"maxTonesToCollect":3,
                                  "stopTones":["asterisk","pound"]}},
                 "playPrompt":{"kind":"file","file":{"uri":"https://media.example/menu.wav"}}}"""));
        assertThat(new JsonObject(stub.requests().get(1).body())).isEqualTo(new JsonObject("""
                {"playSources":[{"kind":"file","file":{"uri":"https://media.example/a.wav"}}],
                 "playTo":[{"rawId":"4:+15550100001","phoneNumber":{"value":"+15550100001"}}],
                 "playOptions":{"loop":true}}"""));
    }

    @Test
    void refusesBadArgumentsBeforeSending(Vertx vertx) throws Exception {
        StubServer stub = StubServer.start(vertx, Reply.of(202, ""));
        GaCallClient ga = client(vertx, stub, CallClientOptions.defaults());

        assertThatThrownBy(() -> ga.sendDtmfTones(CALL, PHONE, List.of(Tone.FLASH), NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("tones: FLASH");
        assertThatThrownBy(() -> ga.createCall(List.of(), GaCreateCallOptions.of(CALLBACK)))
                .hasMessageStartingWith("targets: []");
        assertThatThrownBy(() -> GaRecognizeOptions.dtmf(1).withTimeouts(java.time.Duration.ofMillis(1500),
                java.time.Duration.ofSeconds(2))).hasMessageStartingWith("initialSilenceTimeout: PT1.5S");
        assertThatThrownBy(() -> GaPlayOptions.toEveryone().withOperationCallbackUri(URI.create("/relative")))
                .hasMessageStartingWith("operationCallbackUri: /relative");
        assertThat(stub.requests()).isEmpty();
    }

    @Test
    void readsStatesItDoesNotKnowAsUnknownAndAMissingIdAsAnInvalidResponse(Vertx vertx) throws Exception {
        StubServer stub = StubServer.start(vertx,
                Reply.of(200, "{\"callConnectionId\":\"call-1\",\"callConnectionState\":\"parked\"}"),
                Reply.of(200, "{\"callConnectionState\":\"connected\"}"));
        GaCallClient ga = client(vertx, stub, CallClientOptions.defaults());

        GaCallConnectionProperties parked = await(ga.getCall(CALL));
        ExecutionException e = catchThrowableOfType(ExecutionException.class, () -> await(ga.getCall(CALL)));

        assertThat(parked.state()).isEqualTo(GaCallConnectionState.UNKNOWN);
        assertThat(parked.targets()).isEmpty();
        assertThat(e.getCause()).isInstanceOfSatisfying(CallAutomationClientException.class, failure ->
                assertThat(failure.code()).isEqualTo(CallAutomationClientException.INVALID_RESPONSE));
    }

    @Test
    void readsTheStatesOfTheGaApi(Vertx vertx) throws Exception {
        StubServer stub = StubServer.start(vertx, Reply.of(200, ANY));

        assertThat(await(client(vertx, stub, CallClientOptions.defaults()).getCall(CALL)).state())
                .isEqualTo(GaCallConnectionState.TRANSFER_ACCEPTED);
    }
}
