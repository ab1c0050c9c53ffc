package io.switchboard.application.service;

import io.switchboard.application.fakes.FakeMediaFetcher;
import io.switchboard.application.fakes.TestCore;
import io.switchboard.application.port.in.CancelMediaProcessingCommand;
import io.switchboard.application.port.in.PlayAudioCommand;
import io.switchboard.application.port.out.AudioUnavailableException;
import io.switchboard.application.port.out.PlaybackRequest;
import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.connection.Call;
import io.switchboard.domain.event.PlayCanceled;
import io.switchboard.domain.event.PlayCompleted;
import io.switchboard.domain.event.PlayFailed;
import io.switchboard.domain.media.AudioClip;
import io.switchboard.domain.media.FilePlaySource;
import io.switchboard.domain.media.OperationStatus;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.domain.media.PlaySequence;
import io.switchboard.domain.media.Speech;
import io.switchboard.domain.media.SsmlPlaySource;
import io.switchboard.domain.media.TextPlaySource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static io.switchboard.application.fakes.CallFixtures.ALICE;
import static io.switchboard.application.fakes.CallFixtures.BOB;
import static io.switchboard.application.fakes.CallFixtures.PROMPT;
import static io.switchboard.application.fakes.CallFixtures.aCallTo;
import static io.switchboard.application.fakes.CallFixtures.aPromptFor;
import static io.switchboard.application.fakes.TestCore.failure;
import static io.switchboard.application.fakes.TestCore.result;
import static org.assertj.core.api.Assertions.assertThat;

class PlayServiceTest {

    private static final AudioClip CLIP = FakeMediaFetcher.silence("prompt", 50);

    private final TestCore core = new TestCore();

    @Test
    void playsTheFetchedClipToTheConnectedLegsOnly() {
        // given: Alice answered, Bob still rings
        core.media.serve(PROMPT, CLIP);
        Call call = result(core.useCases().createCall().createCall(aCallTo(ALICE, BOB)));
        core.telephonyEvents().legAnswered(core.participant(call.id(), ALICE.rawId()).leg());
        core.events.clear();

        // when
        PlayOperation play = result(core.useCases().playAudio().playAudio(aPromptFor(call.id())));

        // then
        assertThat(play.status()).isEqualTo(OperationStatus.RUNNING);
        assertThat(play.operationContext()).contains("play-ctx");
        assertThat(core.telephony.played()).containsExactly(new PlaybackRequest(call.id(), play.id(),
                List.of(core.participant(call.id(), ALICE.rawId()).leg()), CLIP, false));
        assertThat(core.events.events()).isEmpty();
    }

    @Test
    void speaksATextSourceAndPlaysItsAudioLikeAFile() {
        // given
        Call call = core.aConnectedCall(aCallTo(ALICE));
        TextPlaySource text = new TextPlaySource("Power is out in your area.", Optional.of("en-US"), Optional.empty(),
                Optional.of("en-US-NancyNeural"), Optional.empty());

        // when
        PlayOperation play = result(core.useCases().playAudio().playAudio(new PlayAudioCommand(call.id(), text, false,
                Optional.empty())));

        // then
        assertThat(core.speech.spoken()).singleElement().extracting(Speech::text).isEqualTo("Power is out in your area.");
        PlaybackRequest played = core.telephony.played().get(0);
        assertThat(played.operation()).isEqualTo(play.id());
        assertThat(played.clip().key()).isEqualTo("tts:" + text.cacheKey());
        assertThat(played.legs()).containsExactly(core.participant(call.id(), ALICE.rawId()).leg());
    }

    @Test
    void playsSeveralSourcesOneAfterTheOtherAsOneClip() {
        // given
        core.media.serve(PROMPT, CLIP);
        Call call = core.aConnectedCall(aCallTo(ALICE));
        TextPlaySource text = new TextPlaySource("Hi", Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
        PlaySequence both = new PlaySequence(List.of(new FilePlaySource(PROMPT, Optional.empty()), text));

        // when
        result(core.useCases().playAudio().playAudio(new PlayAudioCommand(call.id(), both, false, Optional.empty())));

        // then: the file's samples, then the speech's
        AudioClip played = core.telephony.played().get(0).clip();
        assertThat(played.key()).startsWith("seq:");
        assertThat(played.samples()).hasSize(CLIP.samples().length + 160 * "Hi".length());
    }

    @Test
    void failsASequenceWhosePartCannotBeHad() {
        // given: the fake fetcher knows no file at PROMPT
        Call call = core.aConnectedCall(aCallTo(ALICE));
        PlaySequence both = new PlaySequence(List.of(new TextPlaySource("Hi", Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()), new FilePlaySource(PROMPT, Optional.empty())));

        // when
        result(core.useCases().playAudio().playAudio(new PlayAudioCommand(call.id(), both, false, Optional.empty())));

        // then
        assertThat(core.events.events(PlayFailed.class)).singleElement()
                .satisfies(failed -> assertThat(failed.result().subCode()).isEqualTo(8536));
        assertThat(core.telephony.played()).isEmpty();
    }

    @Test
    void refusesSpeechInALocaleTheServerDoesNotSpeak() {
        // given
        Call call = core.aConnectedCall(aCallTo(ALICE));
        TextPlaySource german = new TextPlaySource("Guten Tag", Optional.of("de-DE"), Optional.empty(),
                Optional.empty(), Optional.empty());

        // when
        Throwable refused = failure(core.useCases().playAudio().playAudio(new PlayAudioCommand(call.id(), german,
                false, Optional.empty())));

        // then
        assertThat(refused).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("sourceLocale: de-DE (expected: one of en-US");
        assertThat(core.telephony.played()).isEmpty();
    }

    @Test
    void playsTheFileOfAnSsmlAudioElementBetweenTheSpokenRuns() {
        // given
        core.media.serve(PROMPT, FakeMediaFetcher.silence("chime", 3));
        Call call = core.aConnectedCall(aCallTo(ALICE));

        // when
        result(core.useCases().playAudio().playAudio(new PlayAudioCommand(call.id(), new SsmlPlaySource(
                "<speak>Hi <audio src=\"" + PROMPT + "\">a chime</audio> bye</speak>", Optional.empty()), false,
                Optional.empty())));

        // then: "Hi" (2 frames), the file (3 frames), "bye" (3 frames), in order, as one clip
        assertThat(core.speech.spoken()).extracting(Speech::text).containsExactly("Hi", "bye");
        assertThat(core.telephony.played()).singleElement()
                .satisfies(p -> assertThat(p.clip().samples()).hasSize(160 * (2 + 3 + 3)));
    }

    @Test
    void reportsPlayFailedWhenSpeechCannotBeSynthesized() {
        // given
        Call call = core.aConnectedCall(aCallTo(ALICE));
        core.speech.failFromNowOn();

        // when
        PlayOperation play = result(core.useCases().playAudio().playAudio(new PlayAudioCommand(call.id(),
                new SsmlPlaySource("<speak>Hello</speak>", Optional.empty()), false, Optional.empty())));

        // then
        assertThat(core.events.events()).containsExactly(new PlayFailed(call.id(),
                play.ended(OperationStatus.FAILED, ResultInformation.synthesisFailed("the engine is down")),
                ResultInformation.synthesisFailed("the engine is down")));
        assertThat(core.telephony.played()).isEmpty();
    }

    @Test
    void reportsPlayCompletedWhenTelephonyHasPlayedTheClip() {
        // given
        core.media.serve(PROMPT, CLIP);
        Call call = core.aConnectedCall(aCallTo(ALICE));
        PlayOperation play = result(core.useCases().playAudio().playAudio(aPromptFor(call.id())));

        // when
        core.telephonyEvents().playEnded(call.id(), PlayOperation.Outcome.completed(play.id()));

        // then
        assertThat(core.events.events()).containsExactly(new PlayCompleted(call.id(),
                play.ended(OperationStatus.COMPLETED, ResultInformation.PLAY_COMPLETED)));
    }

    @Test
    void stopsNothingWhenAPlayCompletes() {
        // given
        core.media.serve(PROMPT, CLIP);
        Call call = core.aConnectedCall(aCallTo(ALICE));
        PlayOperation play = result(core.useCases().playAudio().playAudio(aPromptFor(call.id())));

        // when: telephony played it to the end, then the call is hung up
        core.telephonyEvents().playEnded(call.id(), PlayOperation.Outcome.completed(play.id()));
        result(core.useCases().hangUp().hangUp(call.id()));

        // then: nothing was left to stop
        assertThat(core.telephony.stopped()).isEmpty();
    }

    @Test
    void reportsPlayFailedWithoutPlayingWhenTheFileCannotBeDownloaded() {
        // given: the fake fetcher knows no file at PROMPT
        Call call = core.aConnectedCall(aCallTo(ALICE));

        // when
        PlayOperation play = result(core.useCases().playAudio().playAudio(aPromptFor(call.id())));

        // then
        ResultInformation why = ResultInformation.downloadFailed("404 from " + PROMPT);
        assertThat(core.events.events()).containsExactly(
                new PlayFailed(call.id(), play.ended(OperationStatus.FAILED, why), why));
        assertThat(why.subCode()).isEqualTo(8536);
        assertThat(core.telephony.played()).isEmpty();
    }

    @Test
    void reportsTheFetchersCauseWhenTheFileCannotBeDecoded() {
        // given
        ResultInformation invalid = ResultInformation.invalidFileFormat("Not a WAV file.");
        core.media.fail(PROMPT, invalid);
        Call call = core.aConnectedCall(aCallTo(ALICE));

        // when
        PlayOperation play = result(core.useCases().playAudio().playAudio(aPromptFor(call.id())));

        // then
        assertThat(core.events.events()).containsExactly(
                new PlayFailed(call.id(), play.ended(OperationStatus.FAILED, invalid), invalid));
        assertThat(core.telephony.played()).isEmpty();
    }

    @Test
    void reportsAnUnexpectedFetchFailureAsNotDownloadable() {
        // given
        CompletableFuture<AudioClip> download = core.media.pending(PROMPT);
        Call call = core.aConnectedCall(aCallTo(ALICE));
        PlayOperation play = result(core.useCases().playAudio().playAudio(aPromptFor(call.id())));

        // when
        download.completeExceptionally(new IllegalStateException("connection reset"));

        // then
        ResultInformation why = ResultInformation.downloadFailed("connection reset");
        assertThat(core.events.events()).containsExactly(
                new PlayFailed(call.id(), play.ended(OperationStatus.FAILED, why), why));
    }

    @Test
    void rejectsPlayWhenCallIsConnecting() {
        // given
        Call call = result(core.useCases().createCall().createCall(aCallTo(ALICE)));

        // when
        Throwable refused = failure(core.useCases().playAudio().playAudio(aPromptFor(call.id())));

        // then
        assertThat(refused).isInstanceOfSatisfying(CallAutomationException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.CALL_NOT_ESTABLISHED));
        assertThat(core.telephony.played()).isEmpty();
    }

    @Test
    void rejectsPlayWhileAnotherPlayRuns() {
        // given
        core.media.serve(PROMPT, CLIP);
        Call call = core.aConnectedCall(aCallTo(ALICE));
        result(core.useCases().playAudio().playAudio(aPromptFor(call.id())));

        // when
        Throwable refused = failure(core.useCases().playAudio().playAudio(aPromptFor(call.id())));

        // then
        assertThat(refused).isInstanceOfSatisfying(CallAutomationException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.MEDIA_OPERATION_ACTIVE));
        assertThat(core.telephony.played()).hasSize(1);
    }

    @Test
    void rejectsPlayInAnUnknownCall() {
        // when
        Throwable refused = failure(core.useCases().playAudio().playAudio(aPromptFor(CallConnectionId.of("nope"))));

        // then
        assertThat(refused).isInstanceOfSatisfying(CallAutomationException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.CALL_NOT_FOUND));
    }

    @Test
    void cancelsARunningPlaybackAndStopsIt() {
        // given
        core.media.serve(PROMPT, CLIP);
        Call call = core.aConnectedCall(aCallTo(ALICE));
        PlayOperation play = result(core.useCases().playAudio().playAudio(aPromptFor(call.id())));

        // when
        Optional<PlayOperation> canceled = result(core.useCases().cancelMedia().cancelMediaProcessing(
                new CancelMediaProcessingCommand(call.id(), Optional.empty())));

        // then
        assertThat(canceled).contains(play);
        assertThat(core.telephony.stopped()).containsExactly(play.id());
        assertThat(core.events.events()).containsExactly(new PlayCanceled(call.id(),
                play.ended(OperationStatus.FAILED, ResultInformation.OPERATION_CANCELED)));
    }

    @Test
    void neverPlaysAClipWhosePlayWasCanceledDuringTheFetch() {
        // given
        CompletableFuture<AudioClip> download = core.media.pending(PROMPT);
        Call call = core.aConnectedCall(aCallTo(ALICE));
        PlayOperation play = result(core.useCases().playAudio().playAudio(aPromptFor(call.id())));
        result(core.useCases().cancelMedia().cancelMediaProcessing(
                new CancelMediaProcessingCommand(call.id(), Optional.empty())));

        // when
        download.complete(CLIP);

        // then
        assertThat(core.telephony.played()).isEmpty();
        assertThat(core.events.events()).containsExactly(new PlayCanceled(call.id(),
                play.ended(OperationStatus.FAILED, ResultInformation.OPERATION_CANCELED)));
    }

    @Test
    void reportsNoFailureForAPlayCanceledDuringTheFetch() {
        // given
        CompletableFuture<AudioClip> download = core.media.pending(PROMPT);
        Call call = core.aConnectedCall(aCallTo(ALICE));
        result(core.useCases().playAudio().playAudio(aPromptFor(call.id())));
        result(core.useCases().cancelMedia().cancelMediaProcessing(
                new CancelMediaProcessingCommand(call.id(), Optional.empty())));
        core.events.clear();

        // when
        download.completeExceptionally(new AudioUnavailableException(ResultInformation.downloadFailed("timeout")));

        // then
        assertThat(core.events.events()).isEmpty();
    }

    @Test
    void neverPlaysAClipFetchedAfterTheApplicationHungUp() {
        // given
        CompletableFuture<AudioClip> download = core.media.pending(PROMPT);
        Call call = core.aConnectedCall(aCallTo(ALICE));
        result(core.useCases().playAudio().playAudio(aPromptFor(call.id())));
        result(core.useCases().hangUp().hangUp(call.id()));

        // when
        download.complete(CLIP);

        // then
        assertThat(core.telephony.played()).isEmpty();
    }

    @Test
    void neverPlaysAClipFetchedAfterTheCallEnded() {
        // given
        CompletableFuture<AudioClip> download = core.media.pending(PROMPT);
        Call call = core.aConnectedCall(aCallTo(ALICE));
        result(core.useCases().playAudio().playAudio(aPromptFor(call.id())));
        core.telephonyEvents().legEnded(call.participants().get(0).leg(), ResultInformation.REMOTE_HUNG_UP);

        // when
        download.complete(CLIP);

        // then
        assertThat(core.telephony.played()).isEmpty();
    }

    @Test
    void cancelsNothingWhenNothingPlays() {
        // given
        Call call = core.aConnectedCall(aCallTo(ALICE));

        // when
        Optional<PlayOperation> canceled = result(core.useCases().cancelMedia().cancelMediaProcessing(
                new CancelMediaProcessingCommand(call.id(), Optional.empty())));

        // then
        assertThat(canceled).isEmpty();
        assertThat(core.telephony.stopped()).isEmpty();
        assertThat(core.events.events()).isEmpty();
    }
}
