package io.switchboard.adapter.rest.acs;

import io.switchboard.application.fakes.FakeMediaFetcher;
import io.switchboard.application.fakes.TestCore;
import io.switchboard.domain.connection.Call;
import io.switchboard.domain.event.ContinuousDtmfRecognitionStopped;
import io.switchboard.domain.event.PlayCanceled;
import io.switchboard.domain.event.RecognizeCompleted;
import io.switchboard.domain.event.SendDtmfTonesCompleted;
import io.switchboard.domain.event.ToneReceived;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.domain.media.Speech;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.participant.Participant;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.switchboard.adapter.rest.acs.GaCalls.path;
import static io.switchboard.adapter.rest.acs.TestRequest.post;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
class GaMediaRoutesTest {

    private static final String FILE = "{\"kind\":\"file\",\"file\":{\"uri\":\"https://media.example.com/prompt.wav\"},"
            + "\"playSourceCacheId\":\"prompt-v1\"}";
    private static final String BOB = "{\"rawId\":\"4:+15550100002\",\"phoneNumber\":{\"value\":\"+15550100002\"}}";

    private final TestCore core = new TestCore();
    private ApiHarness api;
    private Call call;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        core.media.serve(URI.create("https://media.example.com/prompt.wav"), FakeMediaFetcher.silence("prompt", 5));
        api = ApiHarness.start(vertx, core.useCases());
        call = GaCalls.connected(api, core);
    }

    private Participant bob() {
        return core.participant(call.id(), "4:+15550100002");
    }

    @Test
    void playsToEveryoneLoopedThenInterruptsWithAPlayToOne() throws Exception {
        // when
        ApiHarness.Reply all = api.send(post(path(call.id(), ":play"),
                "{\"playSources\":[" + FILE + "],\"playOptions\":{\"loop\":true},\"operationContext\":\"p1\"}"));
        ApiHarness.Reply busy = api.send(post(path(call.id(), ":play"), "{\"playSources\":[" + FILE + "]}"));
        ApiHarness.Reply one = api.send(post(path(call.id(), ":play"), "{\"playSources\":[" + FILE + "],"
                + "\"playTo\":[" + BOB + "],\"interruptCallMediaOperation\":true}"));

        // then
        assertThat(all.status()).isEqualTo(202);
        assertThat(busy.status()).isEqualTo(400);
        assertThat(busy.json().at("/error/code").asText()).isEqualTo("8500");
        assertThat(one.status()).isEqualTo(202);
        assertThat(core.telephony.played()).hasSize(2);
        assertThat(core.telephony.played().get(0).legs()).hasSize(2);
        assertThat(core.telephony.played().get(0).loop()).isTrue();
        assertThat(core.telephony.played().get(1).legs()).containsExactly(bob().leg());
        assertThat(core.events.events(PlayCanceled.class)).singleElement()
                .satisfies(e -> assertThat(e.operation().operationContext()).contains("p1"));
    }

    @Test
    void cancelsAllMediaOperationsWithABodylessPost() throws Exception {
        // given
        api.send(post(path(call.id(), ":play"), "{\"playSources\":[" + FILE + "]}"));

        // when
        ApiHarness.Reply reply = api.send(post(path(call.id(), ":cancelAllMediaOperations")));

        // then
        assertThat(reply.status()).isEqualTo(202);
        assertThat(core.events.events(PlayCanceled.class)).hasSize(1);
    }

    @Test
    void speaksTextAndSsmlSources() throws Exception {
        // when
        ApiHarness.Reply text = api.send(post(path(call.id(), ":play"), "{\"playSources\":[{\"kind\":\"text\","
                + "\"text\":{\"text\":\"Hello\",\"sourceLocale\":\"en-US\",\"voiceKind\":\"female\","
                + "\"voiceName\":\"en-US-NancyNeural\"},\"playSourceCacheId\":\"hello\"}]}"));
        ApiHarness.Reply ssml = api.send(post(path(call.id(), ":play"), "{\"playSources\":[{\"kind\":\"ssml\","
                + "\"ssml\":{\"ssmlText\":\"<speak>Press <say-as interpret-as='digits'>12</say-as></speak>\"}}],"
                + "\"interruptCallMediaOperation\":true}"));

        // then
        assertThat(text.status()).isEqualTo(202);
        assertThat(ssml.status()).isEqualTo(202);
        assertThat(core.speech.spoken()).extracting(Speech::text).containsExactly("Hello", "Press 1 2");
        assertThat(core.telephony.played()).extracting(request -> request.clip().key()).containsExactly("tts:id:hello",
                "tts:ssml:<speak>Press <say-as interpret-as='digits'>12</say-as></speak>");
    }

    @Test
    void playsSeveralSourcesInARowAndRefusesTooMany() throws Exception {
        // when
        ApiHarness.Reply two = api.send(post(path(call.id(), ":play"), "{\"playSources\":[" + FILE + ","
                + "{\"kind\":\"text\",\"text\":{\"text\":\"Bye\"}}]}"));
        String eleven = String.join(",", java.util.Collections.nCopies(11, FILE));
        ApiHarness.Reply tooMany = api.send(post(path(call.id(), ":play"), "{\"playSources\":[" + eleven + "],"
                + "\"interruptCallMediaOperation\":true}"));

        // then
        assertThat(two.status()).isEqualTo(202);
        assertThat(core.telephony.played()).singleElement().satisfies(played ->
                assertThat(played.clip().key()).startsWith("seq:"));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().at("/error/message").asText()).isEqualTo("playSources: 11 sources (expected: 1 to 10)");
    }

    @Test
    void refusesSpeechSourcesItCannotReadNamingTheField() throws Exception {
        // when
        ApiHarness.Reply noText = api.send(post(path(call.id(), ":play"),
                "{\"playSources\":[{\"kind\":\"text\",\"text\":{\"sourceLocale\":\"en-US\"}}]}"));
        ApiHarness.Reply badSsml = api.send(post(path(call.id(), ":play"),
                "{\"playSources\":[{\"kind\":\"ssml\",\"ssml\":{\"ssmlText\":\"<speak>open\"}}]}"));
        ApiHarness.Reply badKind = api.send(post(path(call.id(), ":play"),
                "{\"playSources\":[{\"kind\":\"text\",\"text\":{\"text\":\"Hi\",\"voiceKind\":\"robot\"}}]}"));
        ApiHarness.Reply german = api.send(post(path(call.id(), ":play"),
                "{\"playSources\":[{\"kind\":\"text\",\"text\":{\"text\":\"Hallo\",\"sourceLocale\":\"de-DE\"}}]}"));

        // then
        assertThat(List.of(noText.status(), badSsml.status(), badKind.status(), german.status()))
                .containsOnly(400);
        assertThat(noText.json().at("/error/message").asText()).startsWith("playSources[0].text.text: missing");
        assertThat(badSsml.json().at("/error/message").asText())
                .startsWith("playSources[0].ssml.ssmlText: not well-formed");
        assertThat(badKind.json().at("/error/message").asText()).startsWith("playSources[0].text.voiceKind: robot");
        assertThat(german.json().at("/error/message").asText()).startsWith("sourceLocale: de-DE (expected: one of");
        assertThat(core.telephony.played()).isEmpty();
    }

    @Test
    void readsASpeechRecognitionAndRefusesWhatItCannotTakeNamingTheField() throws Exception {
        // when
        ApiHarness.Reply unknown = api.send(post(path(call.id(), ":recognize"),
                "{\"recognizeInputType\":\"gestures\",\"recognizeOptions\":{\"targetParticipant\":" + BOB + "}}"));
        ApiHarness.Reply tooShort = api.send(post(path(call.id(), ":recognize"), "{\"recognizeInputType\":"
                + "\"speech\",\"recognizeOptions\":{\"targetParticipant\":" + BOB + ",\"speechOptions\":"
                + "{\"endSilenceTimeoutInMs\":50}}}"));
        ApiHarness.Reply badLanguage = api.send(post(path(call.id(), ":recognize"), "{\"recognizeInputType\":"
                + "\"speech\",\"recognizeOptions\":{\"targetParticipant\":" + BOB + ",\"speechLanguage\":42}}"));
        ApiHarness.Reply speech = api.send(post(path(call.id(), ":recognize"), "{\"recognizeInputType\":"
                + "\"speechOrDtmf\",\"recognizeOptions\":{\"targetParticipant\":" + BOB + ",\"speechLanguage\":"
                + "\"en-US\",\"speechRecognitionModelEndpointId\":\"custom\",\"speechOptions\":"
                + "{\"endSilenceTimeoutInMs\":800}}}"));

        // then
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().at("/error/message").asText())
                .isEqualTo("recognizeInputType: gestures (expected: dtmf, choices, speech or speechOrDtmf)");
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.json().at("/error/message").asText())
                .startsWith("recognizeOptions.speechOptions.endSilenceTimeoutInMs: 50");
        assertThat(badLanguage.status()).isEqualTo(400);
        assertThat(badLanguage.json().at("/error/message").asText())
                .startsWith("recognizeOptions.speechLanguage: 42 (expected: a BCP 47 language");
        assertThat(speech.status()).isEqualTo(202);
        assertThat(core.telephony.listenedTo()).containsExactly(bob().leg());
    }

    @Test
    void recognizesDtmfAfterAPromptUntilTheStopTone() throws Exception {
        // when
        ApiHarness.Reply reply = api.send(post(path(call.id(), ":recognize"), "{\"recognizeInputType\":\"dtmf\","
                + "\"playPrompt\":" + FILE + ",\"operationContext\":\"menu\",\"recognizeOptions\":{"
                + "\"targetParticipant\":" + BOB + ",\"initialSilenceTimeoutInSeconds\":5,\"interruptPrompt\":true,"
                + "\"dtmfOptions\":{\"maxTonesToCollect\":4,\"interToneTimeoutInSeconds\":2,\"stopTones\":[\"pound\"]}}}"));
        PlayOperation.Outcome prompt = PlayOperation.Outcome.completed(core.telephony.played().get(0).operation());
        core.telephonyEvents().playEnded(call.id(), prompt);
        core.telephonyEvents().toneReceived(bob().leg(), Tone.NINE);
        core.telephonyEvents().toneReceived(bob().leg(), Tone.POUND);

        // then
        assertThat(reply.status()).isEqualTo(202);
        assertThat(core.telephony.played()).singleElement().satisfies(p -> assertThat(p.legs())
                .containsExactly(bob().leg()));
        assertThat(core.events.events(RecognizeCompleted.class)).singleElement().satisfies(e -> {
            assertThat(e.operation().tones()).containsExactly(Tone.NINE);
            assertThat(e.result().subCode()).isEqualTo(8514);
            assertThat(e.operation().operationContext()).contains("menu");
        });
    }

    @Test
    void recognizesAChoiceByItsKeyOrItsPhraseAndRefusesAmbiguousChoices() throws Exception {
        // when
        ApiHarness.Reply reply = api.send(post(path(call.id(), ":recognize"), "{\"recognizeInputType\":\"choices\","
                + "\"operationContext\":\"confirm\",\"recognizeOptions\":{\"targetParticipant\":" + BOB + ","
                + "\"choices\":[{\"label\":\"Confirm\",\"phrases\":[\"Confirm\",\"One\"],\"tone\":\"one\"},"
                + "{\"label\":\"Cancel\",\"phrases\":[\"Cancel\"],\"tone\":\"two\"}]}}"));
        core.telephonyEvents().toneReceived(bob().leg(), Tone.ONE);
        ApiHarness.Reply spokenOnly = api.send(post(path(call.id(), ":recognize"), "{\"recognizeInputType\":"
                + "\"choices\",\"recognizeOptions\":{\"targetParticipant\":" + BOB + ",\"choices\":["
                + "{\"label\":\"Confirm\",\"phrases\":[\"Confirm\"]}]}}"));
        ApiHarness.Reply twice = api.send(post(path(call.id(), ":recognize"), "{\"recognizeInputType\":"
                + "\"choices\",\"recognizeOptions\":{\"targetParticipant\":" + BOB + ",\"choices\":["
                + "{\"label\":\"A\",\"phrases\":[\"a\"],\"tone\":\"one\"},"
                + "{\"label\":\"B\",\"phrases\":[\"b\"],\"tone\":\"one\"}]}}"));
        ApiHarness.Reply noPhrases = api.send(post(path(call.id(), ":recognize"), "{\"recognizeInputType\":"
                + "\"choices\",\"recognizeOptions\":{\"targetParticipant\":" + BOB + ",\"choices\":["
                + "{\"label\":\"A\",\"tone\":\"one\"}]}}"));

        // then
        assertThat(reply.status()).isEqualTo(202);
        assertThat(core.events.events(RecognizeCompleted.class)).singleElement().satisfies(e -> {
            assertThat(e.operation().chosen()).contains("Confirm");
            assertThat(e.result().subCode()).isEqualTo(8533);
        });
        assertThat(spokenOnly.status()).isEqualTo(202);
        // both recognitions of choices listen to Bob: choices are said as well as keyed
        assertThat(core.telephony.listenedTo()).containsExactly(bob().leg(), bob().leg());
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.json().at("/error/message").asText()).startsWith("recognizeOptions.choices[1]: B");
        assertThat(noPhrases.status()).isEqualTo(400);
        assertThat(noPhrases.json().at("/error/message").asText())
                .startsWith("recognizeOptions.choices[0].phrases: missing");
    }

    @Test
    void startsAndStopsContinuousDtmfRecognitionWith200() throws Exception {
        // when
        ApiHarness.Reply started = api.send(post(path(call.id(), ":startContinuousDtmfRecognition"),
                "{\"targetParticipant\":" + BOB + "}"));
        core.telephonyEvents().toneReceived(bob().leg(), Tone.FIVE);
        ApiHarness.Reply stopped = api.send(post(path(call.id(), ":stopContinuousDtmfRecognition"),
                "{\"targetParticipant\":" + BOB + ",\"operationContext\":\"stop\"}"));
        core.telephonyEvents().toneReceived(bob().leg(), Tone.SIX);

        // then
        assertThat(started.status()).isEqualTo(200);
        assertThat(stopped.status()).isEqualTo(200);
        assertThat(core.events.events(ToneReceived.class)).singleElement()
                .satisfies(e -> assertThat(e.tone()).isEqualTo(Tone.FIVE));
        assertThat(core.events.events(ContinuousDtmfRecognitionStopped.class)).hasSize(1);
    }

    @Test
    void sendsDtmfTonesWith202AndReplaysARepeat() throws Exception {
        // given
        String body = "{\"tones\":[\"one\",\"pound\",\"asterisk\"],\"targetParticipant\":" + BOB
                + ",\"operationContext\":\"dtmf\"}";

        // when
        ApiHarness.Reply sent = api.send(post(path(call.id(), ":sendDtmfTones"), body)
                .header("Repeatability-Request-ID", "0f3e9a5c-1b2d-4e6f-8a9b-0c1d2e3f4a5b"));
        ApiHarness.Reply repeated = api.send(post(path(call.id(), ":sendDtmfTones"), body)
                .header("Repeatability-Request-ID", "0f3e9a5c-1b2d-4e6f-8a9b-0c1d2e3f4a5b"));
        ApiHarness.Reply badTone = api.send(post(path(call.id(), ":sendDtmfTones"),
                "{\"tones\":[\"eleven\"],\"targetParticipant\":" + BOB + "}"));

        // then
        assertThat(sent.status()).isEqualTo(202);
        assertThat(sent.json().toString()).isEqualTo("{\"operationContext\":\"dtmf\"}");
        assertThat(repeated.status()).isEqualTo(202);
        assertThat(repeated.headers().get("Repeatability-Result")).isEqualTo("accepted");
        assertThat(core.telephony.sentTones()).singleElement()
                .satisfies(t -> assertThat(t.tones()).containsExactly(Tone.ONE, Tone.POUND, Tone.STAR));
        assertThat(core.events.events(SendDtmfTonesCompleted.class)).hasSize(1);
        assertThat(badTone.status()).isEqualTo(400);
        assertThat(badTone.json().at("/error/message").asText()).startsWith("tones[0]: \"eleven\"");
    }

    @Test
    void holdsWithMusicAndUnholdsWith200() throws Exception {
        // when
        ApiHarness.Reply held = api.send(post(path(call.id(), ":hold"),
                "{\"targetParticipant\":" + BOB + ",\"playSourceInfo\":" + FILE + "}"));
        boolean onHold = bob().onHold();
        ApiHarness.Reply released = api.send(post(path(call.id(), ":unhold"), "{\"targetParticipant\":" + BOB + "}"));

        // then
        assertThat(held.status()).isEqualTo(200);
        assertThat(onHold).isTrue();
        assertThat(core.telephony.played()).singleElement().satisfies(p -> assertThat(p.loop()).isTrue());
        assertThat(released.status()).isEqualTo(200);
        assertThat(bob().onHold()).isFalse();
    }
}
