package io.switchboard.adapter.rest.acs;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.application.fakes.FakeMediaFetcher;
import io.switchboard.application.fakes.TestCore;
import io.switchboard.domain.connection.Call;
import io.switchboard.domain.media.FilePlaySource;
import io.switchboard.domain.media.MediaOperationId;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static io.switchboard.adapter.rest.acs.TestRequest.post;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
class OriginMediaRoutesTest {

    private static final URI PROMPT = URI.create("https://media.example.com/prompt.wav");
    private static final String PLAY = """
            {"audioFileUri": "https://media.example.com/prompt.wav", "loop": true,
             "operationContext": "ctx-1", "resourceId": "prompt-v1"}""";

    private final TestCore core = new TestCore();
    private ApiHarness api;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        core.media.serve(PROMPT, FakeMediaFetcher.silence("prompt", 10));
        api = ApiHarness.start(vertx, core.useCases());
    }

    @Test
    void playsAudioAndAnswers202WithTheRunningOperation() throws Exception {
        // given
        Call call = OriginCalls.connected(core);

        // when
        ApiHarness.Reply reply = api.send(post("/calls/" + call.id() + "/PlayAudio", PLAY));

        // then
        assertThat(reply.status()).isEqualTo(202);
        JsonNode json = reply.json();
        assertThat(json.get("status").asText()).isEqualTo("running");
        assertThat(json.get("operationContext").asText()).isEqualTo("ctx-1");
        assertThat(json.get("resultInfo").toString())
                .isEqualTo("{\"code\":202,\"subcode\":0,\"message\":\"Action is accepted.\"}");
        assertThat(core.telephony.played()).singleElement().satisfies(p -> {
            assertThat(p.operation().value()).isEqualTo(json.get("id").asText());
            assertThat(p.loop()).isTrue();
        });
    }

    @Test
    void takesTheSwaggersAudioFileIdAsTheCacheKey() throws Exception {
        // given
        Call call = OriginCalls.connected(core);
        String body = "{\"audioFileUri\":\"https://media.example.com/prompt.wav\",\"audioFileId\":\"prompt-v2\"}";

        // when
        ApiHarness.Reply reply = api.send(post("/calls/" + call.id() + "/PlayAudio", body));

        // then
        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.json().has("operationContext")).isFalse();
        assertThat(core.registry.find(call.id()).orElseThrow().play().orElseThrow().source())
                .isEqualTo(new FilePlaySource(PROMPT, Optional.of("prompt-v2")));
    }

    @Test
    void refusesToPlayIntoACallThatIsStillConnectingWith400And8501() throws Exception {
        // given
        Call call = OriginCalls.connecting(core);

        // when
        ApiHarness.Reply reply = api.send(post("/calls/" + call.id() + "/PlayAudio", PLAY));

        // then
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("code").asText()).isEqualTo("8501");
        assertThat(core.telephony.played()).isEmpty();
    }

    @Test
    void refusesASecondPlayWhileOneRunsWith400And8500() throws Exception {
        // given
        Call call = OriginCalls.connected(core);
        api.send(post("/calls/" + call.id() + "/PlayAudio", PLAY));

        // when
        ApiHarness.Reply reply = api.send(post("/calls/" + call.id() + "/PlayAudio", PLAY));

        // then
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("code").asText()).isEqualTo("8500");
    }

    @Test
    void refusesAPlayWithoutAnAbsoluteHttpUri() throws Exception {
        // given
        Call call = OriginCalls.connected(core);

        // when
        ApiHarness.Reply missing = api.send(post("/calls/" + call.id() + "/PlayAudio", "{\"loop\":false}"));
        ApiHarness.Reply ftp =
                api.send(post("/calls/" + call.id() + "/PlayAudio", "{\"audioFileUri\":\"ftp://x/a.wav\"}"));
        ApiHarness.Reply loop = api.send(post("/calls/" + call.id() + "/PlayAudio",
                "{\"audioFileUri\":\"https://x/a.wav\",\"loop\":\"yes\"}"));

        // then
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("message").asText()).isEqualTo("audioFileUri: missing (expected: a string)");
        assertThat(ftp.status()).isEqualTo(400);
        assertThat(ftp.json().get("message").asText())
                .isEqualTo("audioFileUri: ftp://x/a.wav (expected: an absolute http or https URI)");
        assertThat(loop.json().get("message").asText()).isEqualTo("loop: \"yes\" (expected: true or false)");
    }

    @Test
    void cancelsTheRunningPlayAndAnswersWithItsId() throws Exception {
        // given
        Call call = OriginCalls.connected(core);
        String playId = api.send(post("/calls/" + call.id() + "/PlayAudio", PLAY)).json().get("id").asText();

        // when
        ApiHarness.Reply reply = api.send(post("/calls/" + call.id() + "/CancelMediaProcessing",
                "{\"operationContext\":\"cancel-1\"}"));

        // then
        assertThat(reply.status()).isEqualTo(202);
        JsonNode json = reply.json();
        assertThat(json.get("id").asText()).isEqualTo(playId);
        assertThat(json.get("status").asText()).isEqualTo("completed");
        assertThat(json.get("operationContext").asText()).isEqualTo("cancel-1");
        assertThat(json.get("resultInfo").get("code").asInt()).isEqualTo(200);
        assertThat(core.telephony.stopped()).containsExactly(MediaOperationId.of(playId));
    }

    @Test
    void cancelsWhenNothingPlaysWithANewIdAndAnEmptyBody() throws Exception {
        // given
        Call call = OriginCalls.connected(core);

        // when
        ApiHarness.Reply reply = api.send(TestRequest.post("/calls/" + call.id() + "/CancelMediaProcessing"));

        // then
        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.json().get("id").asText()).isNotBlank();
        assertThat(reply.json().get("status").asText()).isEqualTo("completed");
        assertThat(core.telephony.stopped()).isEmpty();
    }

    @Test
    void answers404WhenPlayingIntoOrCancellingAnUnknownCall() throws Exception {
        // when
        ApiHarness.Reply play = api.send(post("/calls/nope/PlayAudio", PLAY));
        ApiHarness.Reply cancel = api.send(TestRequest.post("/calls/nope/CancelMediaProcessing"));

        // then
        assertThat(play.status()).isEqualTo(404);
        assertThat(play.json().get("code").asText()).isEqualTo("8522");
        assertThat(cancel.status()).isEqualTo(404);
    }
}
