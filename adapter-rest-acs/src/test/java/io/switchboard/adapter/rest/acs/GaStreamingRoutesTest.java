package io.switchboard.adapter.rest.acs;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.application.fakes.TestCore;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.connection.Call;
import io.switchboard.domain.event.MediaStreamingChanged;
import io.switchboard.domain.streaming.StreamingSpec;
import io.switchboard.domain.streaming.StreamingSpec.Channels;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import static io.switchboard.adapter.rest.acs.GaCalls.VERSION;
import static io.switchboard.adapter.rest.acs.GaCalls.path;
import static io.switchboard.adapter.rest.acs.TestRequest.get;
import static io.switchboard.adapter.rest.acs.TestRequest.post;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code mediaStreamingOptions} on CreateCall, the start/stop actions, and the call's subscription. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
class GaStreamingRoutesTest {

    private static final String OPTIONS = """
            "mediaStreamingOptions": {"transportType": "websocket", "transportUrl": "wss://app.example/ws",
              "contentType": "audio", "audioChannelType": "unmixed", "startMediaStreaming": %s,
              "enableBidirectional": true, "audioFormat": "%s", "enableDtmfTones": true}""";

    private final TestCore core = new TestCore();
    private ApiHarness api;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        api = ApiHarness.start(vertx, core.useCases());
    }

    private static String create(String extra) {
        return """
                {"targets": [{"kind": "phoneNumber", "phoneNumber": {"value": "+15550100001"}}],
                 "callbackUri": "https://app.example.com/callbacks", "sourceCallerIdNumber": {"value": "+18005550100"},
                 %s}""".formatted(extra);
    }

    private Call connected(String body) throws Exception {
        ApiHarness.Reply reply = api.send(post("/calling/callConnections" + VERSION, body));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        Call call = core.call(CallConnectionId.of(reply.json().get("callConnectionId").asText()));
        call.participants().forEach(p -> core.telephonyEvents().legAnswered(p.leg()));
        return core.call(call.id());
    }

    @Test
    void readsTheOptionsAsTheSamplesSendThemAndShowsTheSubscription() throws Exception {
        // when: the options as Microsoft's voice-agent sample writes them (audioFormat "Pcm24KMono")
        Call call = connected(create(OPTIONS.formatted("true", "Pcm24KMono")));

        // then
        StreamingSpec spec = call.setup().streaming().orElseThrow();
        assertThat(spec).isEqualTo(new StreamingSpec(URI.create("wss://app.example/ws"), Channels.UNMIXED, 24_000,
                true, true, true));
        assertThat(core.streams.requests()).hasSize(1);
        JsonNode subscription = api.send(get(path(call.id(), ""))).json().get("mediaStreamingSubscription");
        assertThat(subscription.get("id").asText()).isEqualTo(call.media().streaming().orElseThrow().id().value());
        assertThat(subscription.get("state").asText()).isEqualTo("inactive");
        assertThat(subscription.get("subscribedContentTypes").toString()).isEqualTo("[\"audio\"]");
        core.streams.accept(call.media().streaming().orElseThrow().id());
        assertThat(api.send(get(path(call.id(), ""))).json().at("/mediaStreamingSubscription/state").asText())
                .isEqualTo("active");
    }

    @Test
    void startsAndStopsOnRequestWith202AndTheRequestsContext() throws Exception {
        Call call = connected(create(OPTIONS.formatted("false", "pcm16KMono")));

        ApiHarness.Reply started = api.send(post(path(call.id(), ":startMediaStreaming"),
                "{\"operationContext\":\"start-ctx\"}"));
        core.streams.accept(call.media().streaming().orElseThrow().id());
        ApiHarness.Reply again = api.send(post(path(call.id(), ":startMediaStreaming"), ""));
        ApiHarness.Reply stopped = api.send(post(path(call.id(), ":stopMediaStreaming"), "{}"));
        ApiHarness.Reply stoppedAgain = api.send(post(path(call.id(), ":stopMediaStreaming"), "{}"));

        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().at("/error/message").asText()).contains("already active");
        assertThat(stopped.status()).isEqualTo(202);
        assertThat(stoppedAgain.status()).isEqualTo(400);
        assertThat(stoppedAgain.json().at("/error/message").asText()).contains("not started");
        assertThat(core.events.events(MediaStreamingChanged.class)).extracting(MediaStreamingChanged::status)
                .containsExactly(MediaStreamingChanged.Status.STARTED, MediaStreamingChanged.Status.STOPPED);
        assertThat(core.events.events(MediaStreamingChanged.class).get(0).operationContext()).contains("start-ctx");
    }

    @Test
    void transcribesAsTheLiveTranscriptionSampleAsksAndShowsTheSubscription() throws Exception {
        // given: the options as the sample sends them, with the callIntelligenceOptions it also sends
        Call call = connected(create("""
                "transcriptionOptions": {"transportUrl": "wss://app.example/ws", "transportType": "websocket",
                  "locale": "en-US", "startTranscription": false},
                "callIntelligenceOptions": {"cognitiveServicesEndpoint": "https://cognitive.example"}"""));
        JsonNode subscription = api.send(get(path(call.id(), ""))).json().get("transcriptionSubscription");
        assertThat(subscription.get("state").asText()).isEqualTo("inactive");
        assertThat(subscription.get("locale").asText()).isEqualTo("en-US");

        // when
        ApiHarness.Reply started = api.send(post(path(call.id(), ":startTranscription"),
                "{\"locale\":\"en-US\",\"operationContext\":\"startTranscriptionContext\"}"));
        core.streams.accept(call.media().transcription().orElseThrow().id());
        ApiHarness.Reply badLocale = api.send(post(path(call.id(), ":updateTranscription"), "{\"locale\":\"xx-XX\"}"));
        ApiHarness.Reply updated = api.send(post(path(call.id(), ":updateTranscription"), "{\"locale\":\"en-US\"}"));
        ApiHarness.Reply stopped = api.send(post(path(call.id(), ":stopTranscription"), ""));

        // then
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(badLocale.status()).isEqualTo(400);
        assertThat(badLocale.json().at("/error/message").asText()).startsWith("locale: xx-XX");
        assertThat(updated.status()).isEqualTo(202);
        assertThat(stopped.status()).isEqualTo(202);
        assertThat(core.events.events(MediaStreamingChanged.class)).extracting(MediaStreamingChanged::status)
                .containsExactly(MediaStreamingChanged.Status.STARTED, MediaStreamingChanged.Status.UPDATED,
                        MediaStreamingChanged.Status.STOPPED);
    }

    @Test
    void refusesStartingACallSetUpWithoutStreaming() throws Exception {
        Call call = connected(create("\"operationContext\": \"x\""));

        ApiHarness.Reply reply = api.send(post(path(call.id(), ":startMediaStreaming"), "{}"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().at("/error/message").asText()).startsWith("mediaStreamingOptions: missing");
    }

    @Test
    void refusesBadOptionsNamingTheFieldAndTheExpectedForm() throws Exception {
        assertRefused(OPTIONS.formatted("true", "pcm16KMono").replace("wss://app.example/ws", "https://app.example"),
                "mediaStreamingOptions.transportUrl: https://app.example (expected: an absolute ws:// or wss:// URL)");
        assertRefused(OPTIONS.formatted("true", "pcm16KMono").replace("wss://app.example/ws", "ws://bad host"),
                "mediaStreamingOptions.transportUrl: ws://bad host (expected: an absolute ws:// or wss:// URL)");
        assertRefused(OPTIONS.formatted("true", "mp3"), "mediaStreamingOptions.audioFormat: mp3 (expected: "
                + "pcm16KMono or pcm24KMono)");
        assertRefused(OPTIONS.formatted("true", "pcm16KMono").replace("\"unmixed\"", "\"stereo\""),
                "mediaStreamingOptions.audioChannelType: stereo (expected: mixed or unmixed)");
        assertRefused(OPTIONS.formatted("true", "pcm16KMono").replace("\"audioChannelType\": \"unmixed\",", ""),
                "mediaStreamingOptions.audioChannelType: missing");
        assertRefused(OPTIONS.formatted("true", "pcm16KMono").replace("\"websocket\"", "\"rtp\""),
                "mediaStreamingOptions.transportType: rtp (expected: websocket)");
        assertRefused(OPTIONS.formatted("\"yes\"", "pcm16KMono"),
                "mediaStreamingOptions.startMediaStreaming: \"yes\" (expected: true or false)");
        assertRefused("\"transcriptionOptions\": {\"transportType\": \"websocket\", \"locale\": \"en-US\"}",
                "transcriptionOptions.transportUrl: missing");
        assertRefused("\"transcriptionOptions\": {\"transportUrl\": \"wss://a.example/t\", \"locale\": \"english\"}",
                "transcriptionOptions.locale: english (expected: a BCP 47 language tag");
        assertRefused("\"transcriptionOptions\": {\"transportUrl\": \"wss://a.example/t\", \"locale\": \"en-US\","
                + " \"enableIntermediateResults\": true}", "transcriptionOptions.enableIntermediateResults: true "
                + "(expected: false");
        assertThat(core.telephony.dialled()).isEmpty();
    }

    private void assertRefused(String options, String message) throws Exception {
        ApiHarness.Reply reply = api.send(post("/calling/callConnections" + VERSION, create(options)));
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.json().at("/error/message").asText()).startsWith(message);
    }
}
