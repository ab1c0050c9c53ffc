package io.switchboard.application.service;

import io.switchboard.application.fakes.CallFixtures;
import io.switchboard.application.fakes.FakeMediaStreams.FakeConnection;
import io.switchboard.application.fakes.FakeMediaStreams.Transcript;
import io.switchboard.application.fakes.Talk;
import io.switchboard.application.fakes.TestCore;
import io.switchboard.application.port.in.CreateCallCommand;
import io.switchboard.application.port.in.TranscriptionCommand;
import io.switchboard.application.port.out.AudioSink;
import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.connection.Call;
import io.switchboard.domain.event.MediaStreamingChanged;
import io.switchboard.domain.event.MediaStreamingChanged.Status;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.streaming.StreamSpec.Content;
import io.switchboard.domain.streaming.TranscriptionSpec;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Optional;

import static io.switchboard.application.fakes.CallFixtures.ALICE;
import static io.switchboard.application.fakes.CallFixtures.BOB;
import static io.switchboard.application.fakes.TestCore.failure;
import static io.switchboard.application.fakes.TestCore.result;
import static org.assertj.core.api.Assertions.assertThat;

/** Live transcription over the real core: each leg's utterances, recognized, sent as the participant's words. */
class TranscriptionServiceTest {

    private final TestCore core = new TestCore();

    private Call aTranscribedCall(boolean startOnConnect) {
        TranscriptionSpec spec = new TranscriptionSpec(URI.create("wss://app.example/text"), "en-US", startOnConnect);
        CreateCallCommand command = CallFixtures.aCallTo(ALICE, BOB);
        Call created = result(core.useCases().createCall().createCall(new CreateCallCommand(command.targets(),
                command.setup().withTranscription(Optional.of(spec)), Optional.empty())));
        created.participants().forEach(p -> core.telephonyEvents().legAnswered(p.leg()));
        return core.call(created.id());
    }

    private static MediaOperationId stream(Call call) {
        return call.media().transcription().orElseThrow().id();
    }

    private AudioSink leg(Call call, String rawId) {
        return core.telephony.listener(stream(call), core.participant(call.id(), rawId).leg());
    }

    /** {@code silenceMillis} of silence, then {@code speechMillis} of a loud tone, then 600 ms of silence. */
    private static void say(AudioSink sink, int silenceMillis, int speechMillis) {
        Talk.say(sink, silenceMillis, speechMillis, 600);
    }

    @Test
    void sendsEachUtteranceOfEachParticipantAsTheirWordsWithItsPlaceInTheStream() {
        // given
        Call call = aTranscribedCall(true);
        FakeConnection connection = core.streams.accept(stream(call));
        assertThat(core.events.events(MediaStreamingChanged.class)).singleElement().satisfies(e -> {
            assertThat(e.content()).isEqualTo(Content.TRANSCRIPTION);
            assertThat(e.status()).isEqualTo(Status.STARTED);
        });

        // when: Alice talks twice, Bob once
        core.recognizer.hears("hello there", 0.9);
        say(leg(call, ALICE.rawId()), 1000, 800);
        core.recognizer.hears("how can i help", 0.8);
        say(leg(call, ALICE.rawId()), 400, 600);
        say(leg(call, BOB.rawId()), 1000, 500);

        // then
        assertThat(connection.transcripts).extracting(Transcript::speaker, Transcript::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ALICE.rawId(), "hello there"),
                org.assertj.core.groups.Tuple.tuple(ALICE.rawId(), "how can i help"),
                org.assertj.core.groups.Tuple.tuple(BOB.rawId(), "how can i help"));
        Transcript first = connection.transcripts.get(0);
        // the speech itself: after the first second, 800 ms long; the second utterance 1 s after the first's end
        assertThat(first.offsetMillis()).isEqualTo(1000);
        assertThat(first.lengthMillis()).isEqualTo(800);
        assertThat(connection.transcripts.get(1).offsetMillis()).isEqualTo(1000 + 800 + 600 + 400);
        assertThat(connection.transcripts.get(1).lengthMillis()).isEqualTo(600);
        assertThat(core.recognizer.utterances()).allSatisfy(u -> assertThat(u.language()).contains("en-US"));
    }

    @Test
    void startsOnRequestInAnotherLanguageUpdatesAndStops() {
        Call call = aTranscribedCall(false);
        assertThat(core.streams.requests()).isEmpty();

        assertThat(failure(core.useCases().callControl().transcription().startTranscription(
                command(call.id(), "fr-FR")))).isInstanceOfSatisfying(CallAutomationException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
                    assertThat(e.getMessage()).startsWith("locale: fr-FR").contains("en-US");
                });
        result(core.useCases().callControl().transcription().startTranscription(command(call.id(), "en-us")));
        core.streams.accept(stream(call));
        result(core.useCases().callControl().transcription().updateTranscription(command(call.id(), "en-US")));
        result(core.useCases().callControl().transcription().stopTranscription(command(call.id(), null)));

        assertThat(core.events.events(MediaStreamingChanged.class)).extracting(MediaStreamingChanged::status)
                .containsExactly(Status.STARTED, Status.UPDATED, Status.STOPPED);
        assertThat(core.call(call.id()).media().transcription().orElseThrow().spec())
                .isEqualTo(new TranscriptionSpec(URI.create("wss://app.example/text"), "en-US", false));
        assertThat(core.telephony.listens(stream(call))).isFalse();
    }

    @Test
    void anUtteranceTheRecognizerFailsOnIsSkippedAndTheTranscriptionGoesOn() {
        Call call = aTranscribedCall(true);
        FakeConnection connection = core.streams.accept(stream(call));

        core.recognizer.fails();
        say(leg(call, ALICE.rawId()), 1000, 800);
        core.recognizer.hears("still here", 0.7);
        say(leg(call, ALICE.rawId()), 400, 600);

        assertThat(connection.transcripts).extracting(Transcript::text).containsExactly("still here");
        assertThat(core.events.events(MediaStreamingChanged.class)).extracting(MediaStreamingChanged::status)
                .containsExactly(Status.STARTED);
    }

    @Test
    void aTranscriptionSetUpInALanguageTheRecognizerDoesNotKnowFailsWhenItStarts() {
        TranscriptionSpec spec = new TranscriptionSpec(URI.create("wss://app.example/text"), "fr-FR", true);
        CreateCallCommand command = CallFixtures.aCallTo(ALICE);
        Call created = result(core.useCases().createCall().createCall(new CreateCallCommand(command.targets(),
                command.setup().withTranscription(Optional.of(spec)), Optional.empty())));
        created.participants().forEach(p -> core.telephonyEvents().legAnswered(p.leg()));

        assertThat(core.streams.requests()).isEmpty();
        assertThat(core.events.events(MediaStreamingChanged.class)).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(Status.FAILED);
            assertThat(e.detail()).isEqualTo(MediaStreamingChanged.Detail.SPEECH_SERVICES_CONNECTION_ERROR);
            assertThat(e.result().message()).contains("locale fr-FR is not one the speech recognizer knows (en-US)");
        });
        assertThat(core.call(created.id()).state().isEnded()).isFalse();
    }

    private static TranscriptionCommand command(CallConnectionId call, String locale) {
        return new TranscriptionCommand(call, Optional.ofNullable(locale), Optional.of("ctx"), Optional.empty());
    }
}
