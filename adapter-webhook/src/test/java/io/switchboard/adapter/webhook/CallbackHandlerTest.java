package io.switchboard.adapter.webhook;

import io.switchboard.client.CallbackHandler;
import io.switchboard.domain.call.CallState;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.event.CallConnectionStateChanged;
import io.switchboard.domain.media.Tone;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static io.switchboard.adapter.webhook.CallEventFixtures.CALL;
import static io.switchboard.adapter.webhook.CallEventFixtures.KEY;
import static io.switchboard.adapter.webhook.CallEventFixtures.connected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(VertxExtension.class)
class CallbackHandlerTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final long NOW_SECONDS = NOW.getEpochSecond();

    private final RecordingListener listener = new RecordingListener();

    private CallbackClient start(Vertx vertx, boolean withBodyHandler) throws Exception {
        CallbackHandler handler = CallbackHandler.create(KEY, listener, Clock.fixed(NOW, ZoneOffset.UTC),
                Duration.ofMinutes(5));
        return CallbackClient.start(vertx, handler, withBodyHandler);
    }

    @Test
    void handsACorrectlySignedOriginCallbackToTheListenerAsItsDomainEvent(Vertx vertx) throws Exception {
        // given
        CallbackClient client = start(vertx, false);
        String body = CallbackClient.originBody(connected(CALL), "evt-1", NOW);

        // when
        int status = client.post(KEY, "evt-1", NOW_SECONDS, body);

        // then
        assertThat(status).isEqualTo(200);
        assertThat(listener.events).containsExactly(connected(CALL));
        assertThat(listener.unknown).isEmpty();
    }

    @Test
    void readsTheBodyLeftByABodyHandlerMountedBeforeIt(Vertx vertx) throws Exception {
        CallbackClient client = start(vertx, true);

        int status = client.post(KEY, "evt-1", NOW_SECONDS, CallbackClient.originBody(connected(CALL), "evt-1", NOW));

        assertThat(status).isEqualTo(200);
        assertThat(listener.events).containsExactly(connected(CALL));
    }

    @Test
    void acceptsTheGaShapeAnArrayOfOneCloudEvent(Vertx vertx) throws Exception {
        // given
        CallbackClient client = start(vertx, false);
        String body = CallbackClient.gaBody(connected(CALL), "evt-1", NOW);

        // when
        int status = client.post(KEY, "evt-1", NOW_SECONDS, body);

        // then
        assertThat(body).startsWith("[");
        assertThat(status).isEqualTo(200);
        assertThat(listener.events).containsExactly(connected(CALL));
    }

    @Test
    void refusesATamperedBodyWith401(Vertx vertx) throws Exception {
        // given
        CallbackClient client = start(vertx, false);
        String body = CallbackClient.originBody(connected(CALL), "evt-1", NOW);
        String signature = CallbackClient.signature(KEY, "evt-1", NOW_SECONDS, body);
        String tampered = body.replace("connected", "disconnected");

        // when
        int status = client.post("evt-1", String.valueOf(NOW_SECONDS), signature, tampered);

        // then
        assertThat(status).isEqualTo(401);
        assertThat(listener.events).isEmpty();
        assertThat(listener.unknown).isEmpty();
    }

    @Test
    void refusesASignatureMadeWithAnotherKeyOrForAnotherEventId(Vertx vertx) throws Exception {
        CallbackClient client = start(vertx, false);
        String body = CallbackClient.originBody(connected(CALL), "evt-1", NOW);
        byte[] otherKey = "another-key-of-at-least-16-bytes".getBytes(StandardCharsets.US_ASCII);

        int wrongKey = client.post(otherKey, "evt-1", NOW_SECONDS, body);
        int wrongId = client.post("evt-2", String.valueOf(NOW_SECONDS),
                CallbackClient.signature(KEY, "evt-1", NOW_SECONDS, body), body);

        assertThat(wrongKey).isEqualTo(401);
        assertThat(wrongId).isEqualTo(401);
        assertThat(listener.events).isEmpty();
    }

    @Test
    void refusesARequestMissingAnyOfTheSignatureHeadersWith401(Vertx vertx) throws Exception {
        // given
        CallbackClient client = start(vertx, false);
        String body = CallbackClient.originBody(connected(CALL), "evt-1", NOW);
        String signature = CallbackClient.signature(KEY, "evt-1", NOW_SECONDS, body);
        String timestamp = String.valueOf(NOW_SECONDS);

        // when / then
        assertThat(client.post("evt-1", timestamp, null, body)).isEqualTo(401);
        assertThat(client.post("evt-1", null, signature, body)).isEqualTo(401);
        assertThat(client.post(null, timestamp, signature, body)).isEqualTo(401);
        assertThat(client.post("evt-1", "yesterday", signature, body)).isEqualTo(401);
        assertThat(listener.events).isEmpty();
    }

    @Test
    void refusesATimestampOutsideTheAllowedSkewEitherWay(Vertx vertx) throws Exception {
        // given
        CallbackClient client = start(vertx, false);
        String body = CallbackClient.originBody(connected(CALL), "evt-1", NOW);
        long sixMinutes = Duration.ofMinutes(6).toSeconds();
        long fourMinutes = Duration.ofMinutes(4).toSeconds();

        // when
        int stale = client.post(KEY, "evt-1", NOW_SECONDS - sixMinutes, body);
        int future = client.post(KEY, "evt-1", NOW_SECONDS + sixMinutes, body);
        int withinSkew = client.post(KEY, "evt-1", NOW_SECONDS - fourMinutes, body);

        // then
        assertThat(stale).isEqualTo(401);
        assertThat(future).isEqualTo(401);
        assertThat(withinSkew).isEqualTo(200);
        assertThat(listener.events).hasSize(1);
    }

    @Test
    void acceptsAnyOfSeveralSignaturesSoKeysCanBeRotated(Vertx vertx) throws Exception {
        CallbackClient client = start(vertx, false);
        String body = CallbackClient.originBody(connected(CALL), "evt-1", NOW);
        byte[] oldKey = "the-old-key-of-at-least-16-bytes".getBytes(StandardCharsets.US_ASCII);
        String both = CallbackClient.signature(oldKey, "evt-1", NOW_SECONDS, body) + ", "
                + CallbackClient.signature(KEY, "evt-1", NOW_SECONDS, body);

        int status = client.post("evt-1", String.valueOf(NOW_SECONDS), both, body);

        assertThat(status).isEqualTo(200);
    }

    @Test
    void deliversAnEventSentTwiceToTheListenerOnceAndAnswersBoth200(Vertx vertx) throws Exception {
        // given
        CallbackClient client = start(vertx, false);
        String body = CallbackClient.originBody(CallEventFixtures.tone(CALL, Tone.ONE, 1), "evt-1", NOW);

        // when
        int first = client.post(KEY, "evt-1", NOW_SECONDS, body);
        int retry = client.post(KEY, "evt-1", NOW_SECONDS + 2, body);

        // then
        assertThat(first).isEqualTo(200);
        assertThat(retry).isEqualTo(200);
        assertThat(listener.events).hasSize(1);
    }

    @Test
    void answers500WhenTheListenerThrowsAndDeliversTheRetryOfThatEvent(Vertx vertx) throws Exception {
        // given
        CallbackClient client = start(vertx, false);
        String body = CallbackClient.originBody(connected(CALL), "evt-1", NOW);
        listener.refuseNext(1);

        // when
        int refused = client.post(KEY, "evt-1", NOW_SECONDS, body);
        int retried = client.post(KEY, "evt-1", NOW_SECONDS, body);

        // then
        assertThat(refused).isEqualTo(500);
        assertThat(retried).isEqualTo(200);
        assertThat(listener.events).containsExactly(connected(CALL));
    }

    @Test
    void passesAnEventOfAnUnknownTypeOnAsUnknown(Vertx vertx) throws Exception {
        // given
        CallbackClient client = start(vertx, false);
        String body = """
                {"id":"evt-9","type":"Microsoft.Communication.RecordingStateChanged","specversion":"1.0",
                 "data":{"callConnectionId":"call-1","state":"active"}}""";

        // when
        int status = client.post(KEY, "evt-9", NOW_SECONDS, body);

        // then
        assertThat(status).isEqualTo(200);
        assertThat(listener.events).isEmpty();
        assertThat(listener.unknown).hasSize(1);
        assertThat(listener.unknown.get(0).type()).isEqualTo("Microsoft.Communication.RecordingStateChanged");
        assertThat(listener.unknown.get(0).cloudEvent().getJsonObject("data").getString("state"))
                .isEqualTo("active");
    }

    @Test
    void passesAKnownTypeWhoseDataDoesNotFitOnAsUnknown(Vertx vertx) throws Exception {
        CallbackClient client = start(vertx, false);
        String body = """
                {"id":"evt-9","type":"Microsoft.Communication.CallConnectionStateChanged","specversion":"1.0",
                 "data":{"callConnectionId":"call-1","callConnectionState":"transferring"}}""";

        int status = client.post(KEY, "evt-9", NOW_SECONDS, body);

        assertThat(status).isEqualTo(200);
        assertThat(listener.unknown).extracting(RecordingListener.Unknown::type)
                .containsExactly("Microsoft.Communication.CallConnectionStateChanged");
    }

    @Test
    void refusesABodyThatIsNotACloudEventWith400(Vertx vertx) throws Exception {
        CallbackClient client = start(vertx, false);

        assertThat(client.post(KEY, "evt-1", NOW_SECONDS, "not json")).isEqualTo(400);
        assertThat(client.post(KEY, "evt-2", NOW_SECONDS, "42")).isEqualTo(400);
        assertThat(client.post(KEY, "evt-3", NOW_SECONDS, "[1]")).isEqualTo(400);
        assertThat(listener.events).isEmpty();
        assertThat(listener.unknown).isEmpty();
    }

    @Test
    void refusesAShortKeyOrANonPositiveSkewAtCreation() {
        assertThatThrownBy(() -> CallbackHandler.create(new byte[8], listener))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("signingKey: 8 bytes");
        assertThatThrownBy(() -> CallbackHandler.create(KEY, listener, Clock.systemUTC(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("allowedSkew: PT0S");
    }

    @Test
    void takesACallThatDisconnectsAfterConnectingForOneThatWasConnected(Vertx vertx) throws Exception {
        // given
        CallbackClient client = start(vertx, false);
        CallConnectionStateChanged hungUp = CallEventFixtures.stateChanged(CALL, CallState.DISCONNECTED, true,
                ResultInformation.HUNG_UP_BY_APPLICATION);

        // when
        client.post(KEY, "evt-1", NOW_SECONDS, CallbackClient.originBody(connected(CALL), "evt-1", NOW));
        client.post(KEY, "evt-2", NOW_SECONDS, CallbackClient.originBody(hungUp, "evt-2", NOW));

        // then
        assertThat(listener.events).containsExactly(connected(CALL), hungUp);
    }
}
