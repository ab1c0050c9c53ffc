package io.switchboard.domain.connection;

import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.OperationCallback;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.event.ParticipantsUpdated;
import io.switchboard.domain.media.DtmfOptions;
import io.switchboard.domain.media.FilePlaySource;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.domain.media.PlaySource;
import io.switchboard.domain.media.RecognizeOperation;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import io.switchboard.domain.telephony.TelephonyCommand.Dial;
import io.switchboard.domain.telephony.TelephonyCommand.HangUp;
import io.switchboard.domain.telephony.TelephonyCommand.SetHeld;
import io.switchboard.domain.telephony.TelephonyCommand.SetMuted;
import io.switchboard.domain.telephony.TelephonyCommand.StartMedia;
import io.switchboard.domain.telephony.TelephonyCommand.StartSilenceTimer;
import io.switchboard.domain.telephony.TelephonyCommand.StopMedia;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.switchboard.domain.connection.CallFixtures.CALL_ID;
import static io.switchboard.domain.connection.CallFixtures.CREATED_AT;
import static io.switchboard.domain.connection.CallFixtures.PLAY_ID;
import static io.switchboard.domain.connection.CallFixtures.SERVER_CALL_ID;
import static io.switchboard.domain.connection.CallFixtures.aConnectedCall;
import static io.switchboard.domain.connection.CallFixtures.aPlay;
import static io.switchboard.domain.connection.CallFixtures.aPlayingCall;
import static io.switchboard.domain.connection.CallFixtures.aSetup;
import static io.switchboard.domain.connection.CallFixtures.alice;
import static io.switchboard.domain.connection.CallFixtures.bob;
import static io.switchboard.domain.connection.CallFixtures.carolInvited;
import static org.assertj.core.api.Assertions.assertThat;

/** What each transition tells telephony to do: the commands, in order, and none where nothing must happen. */
class CallCommandsTest {

    private static final MediaOperationId RECOGNIZE_ID = MediaOperationId.of("rec-1");
    private static final PlaySource MUSIC = new FilePlaySource(URI.create("https://media.example.com/music.wav"),
            Optional.empty());

    private static RecognizeOperation aRecognition(boolean withPrompt, boolean interruptPrompt) {
        return RecognizeOperation.requested(RECOGNIZE_ID, alice().leg(), new DtmfOptions(3, Set.of(Tone.POUND),
                        Duration.ofSeconds(2), Duration.ofSeconds(5)),
                withPrompt ? Optional.of(MUSIC) : Optional.empty(), interruptPrompt, Optional.empty(),
                OperationCallback.OWN);
    }

    @Test
    void creatingACallDialsEveryTargetWithTheCallerIdAndRingTime() {
        Transition created = Call.create(CALL_ID, SERVER_CALL_ID, aSetup(), List.of(alice(), bob()), CREATED_AT,
                Optional.of(Duration.ofSeconds(12)));

        Optional<PhoneNumberIdentifier> callerId = aSetup().callerId();
        assertThat(created.commands()).containsExactly(
                new Dial(alice().leg(), alice().identifier(), callerId, Optional.of(Duration.ofSeconds(12))),
                new Dial(bob().leg(), bob().identifier(), callerId, Optional.of(Duration.ofSeconds(12))));
    }

    @Test
    void answeringACallDialsNobody() {
        assertThat(Call.answered(CALL_ID, SERVER_CALL_ID, aSetup(), alice(), CREATED_AT).commands()).isEmpty();
    }

    @Test
    void invitingDialsTheInviteeWithTheCallsCallerIdUnlessOneIsGiven() {
        PhoneNumberIdentifier own = new PhoneNumberIdentifier("+18005550199");

        Transition defaulted = aConnectedCall().invite(List.of(carolInvited("c")), Optional.empty(), Optional.empty());
        Transition given = aConnectedCall().invite(List.of(carolInvited("c")), Optional.of(own), Optional.empty());

        assertThat(defaulted.commands()).containsExactly(new Dial(LegId.of("leg-carol"),
                carolInvited("c").identifier(), aSetup().callerId(), Optional.empty()));
        assertThat(given.commands()).containsExactly(new Dial(LegId.of("leg-carol"),
                carolInvited("c").identifier(), Optional.of(own), Optional.empty()));
    }

    @Test
    void startingAPlayStartsItsMediaAndTheAudienceIsEveryoneNotOnHold() {
        Call held = aConnectedCall().hold(bob().id().value(), true, Optional.empty(), Optional.empty(),
                OperationCallback.OWN).call();

        Transition started = held.startPlay(aPlay());

        assertThat(started.commands()).containsExactly(new StartMedia(PLAY_ID, aPlay().source(), false));
        assertThat(started.call().mediaAudience(PLAY_ID)).contains(List.of(alice().leg()));
    }

    @Test
    void aPlayToNamedParticipantsGoesToTheirLegsOnly() {
        Call playing = aConnectedCall().startPlay(aPlay(), List.of(bob().identifier().rawId()), false).call();

        assertThat(playing.mediaAudience(PLAY_ID)).contains(List.of(bob().leg()));
    }

    @Test
    void aCompletedPlayStopsNothing() {
        Transition ended = aPlayingCall().playEnded(PlayOperation.Outcome.completed(PLAY_ID));

        assertThat(ended.commands()).isEmpty();
        assertThat(ended.call().mediaAudience(PLAY_ID)).isEmpty();
    }

    @Test
    void cancelingAPlayStopsItAndItIsNoLongerWanted() {
        Transition canceled = aPlayingCall().cancelMedia();

        assertThat(canceled.commands()).containsExactly(new StopMedia(PLAY_ID));
        assertThat(canceled.call().mediaAudience(PLAY_ID)).isEmpty();
    }

    @Test
    void interruptingAPlayStopsItBeforeTheNextStarts() {
        MediaOperationId next = MediaOperationId.of("op-2");

        Transition started = aPlayingCall().startPlay(aPlay(next), List.of(), true);

        assertThat(started.commands()).containsExactly(new StopMedia(PLAY_ID),
                new StartMedia(next, aPlay().source(), false));
    }

    @Test
    void hangingUpStopsTheRunningPlayThenHangsUpEveryLeg() {
        Transition hungUp = aPlayingCall().hangUp();

        assertThat(hungUp.commands()).containsExactly(new StopMedia(PLAY_ID), new HangUp(alice().leg()),
                new HangUp(bob().leg()));
    }

    @Test
    void theLastLegEndingStopsTheRunningPlay() {
        Call alone = aPlayingCall().legEnded(bob().leg(), ResultInformation.REMOTE_HUNG_UP).call();

        assertThat(alone.legEnded(alice().leg(), ResultInformation.REMOTE_HUNG_UP).commands())
                .containsExactly(new StopMedia(PLAY_ID));
    }

    @Test
    void afterTheApplicationLeftAParticipantLeftAloneIsHungUp() {
        Transition left = aConnectedCall().leave();
        Transition bobGone = left.call().legEnded(bob().leg(), ResultInformation.REMOTE_HUNG_UP);

        assertThat(left.commands()).isEmpty();
        assertThat(bobGone.commands()).containsExactly(new HangUp(alice().leg()));
    }

    @Test
    void aRecognitionWithoutPromptArmsItsInitialSilenceTimer() {
        Transition started = aConnectedCall().startRecognize(aRecognition(false, false), false);

        assertThat(started.commands()).containsExactly(new StartSilenceTimer(RECOGNIZE_ID, 0, Duration.ofSeconds(5)));
    }

    @Test
    void aPromptPlaysToTheTargetAndItsEndArmsTheSilenceTimer() {
        Transition started = aConnectedCall().startRecognize(aRecognition(true, false), false);
        Transition prompted = started.call().playEnded(PlayOperation.Outcome.completed(RECOGNIZE_ID));

        assertThat(started.commands()).containsExactly(new StartMedia(RECOGNIZE_ID, MUSIC, false));
        assertThat(started.call().mediaAudience(RECOGNIZE_ID)).contains(List.of(alice().leg()));
        assertThat(prompted.commands()).containsExactly(new StartSilenceTimer(RECOGNIZE_ID, 0, Duration.ofSeconds(5)));
    }

    @Test
    void aToneCuttingAnInterruptiblePromptShortStopsItAndArmsTheInterToneTimer() {
        Call prompting = aConnectedCall().startRecognize(aRecognition(true, true), false).call();

        Transition pressed = prompting.toneReceived(alice().leg(), Tone.ONE);

        assertThat(pressed.commands()).containsExactly(new StopMedia(RECOGNIZE_ID),
                new StartSilenceTimer(RECOGNIZE_ID, 1, Duration.ofSeconds(2)));
    }

    @Test
    void aToneDuringAnUninterruptiblePromptCommandsNothing() {
        Call prompting = aConnectedCall().startRecognize(aRecognition(true, false), false).call();

        assertThat(prompting.toneReceived(alice().leg(), Tone.ONE).commands()).isEmpty();
    }

    @Test
    void theTargetLeavingStopsItsPrompt() {
        Call prompting = aConnectedCall().startRecognize(aRecognition(true, false), false).call();

        Transition gone = prompting.legEnded(alice().leg(), ResultInformation.REMOTE_HUNG_UP);

        assertThat(gone.commands()).containsExactly(new StopMedia(RECOGNIZE_ID));
        assertThat(gone.events()).noneMatch(e -> e.getClass().getSimpleName().startsWith("Recognize"));
    }

    @Test
    void holdMusicLoopsToTheHeldLegUntilUnholdStopsIt() {
        MediaOperationId music = MediaOperationId.of("hold-" + bob().id().value());

        Transition held = aConnectedCall().hold(bob().id().value(), true, Optional.of(MUSIC), Optional.empty(),
                OperationCallback.OWN);
        Transition released = held.call().hold(bob().id().value(), false, Optional.empty(), Optional.empty(),
                OperationCallback.OWN);

        assertThat(held.commands()).containsExactly(new SetHeld(bob().leg(), true), new StartMedia(music, MUSIC, true));
        assertThat(held.call().mediaAudience(music)).contains(List.of(bob().leg()));
        assertThat(released.commands()).containsExactly(new SetHeld(bob().leg(), false), new StopMedia(music));
        assertThat(released.call().mediaAudience(music)).isEmpty();
    }

    @Test
    void aHoldFromThePhonesSideShowsInTheParticipantsAndAsksNothingOfTelephony() {
        Transition held = aConnectedCall().heldByRemote(bob().leg(), true);
        Transition again = held.call().heldByRemote(bob().leg(), true);
        Transition released = held.call().heldByRemote(bob().leg(), false);
        Transition stranger = aConnectedCall().heldByRemote(LegId.of("not-in-this-call"), true);

        assertThat(held.commands()).isEmpty();
        assertThat(held.events()).singleElement().isInstanceOfSatisfying(ParticipantsUpdated.class,
                e -> assertThat(e.participants()).anySatisfy(p -> assertThat(p.onHold()).isTrue()));
        assertThat(again.events()).isEmpty();
        assertThat(released.events()).singleElement().isInstanceOfSatisfying(ParticipantsUpdated.class,
                e -> assertThat(e.participants()).allSatisfy(p -> assertThat(p.onHold()).isFalse()));
        assertThat(stranger.events()).isEmpty();
    }

    @Test
    void holdMusicThatCannotPlayIsReportedAsHoldFailed() {
        MediaOperationId music = MediaOperationId.of("hold-" + bob().id().value());
        Call held = aConnectedCall().hold(bob().id().value(), true, Optional.of(MUSIC), Optional.of("ctx"),
                OperationCallback.OWN).call();

        Transition failed = held.playEnded(PlayOperation.Outcome.failed(music,
                ResultInformation.downloadFailed("404")));

        assertThat(failed.events()).singleElement().extracting(e -> e.getClass().getSimpleName())
                .isEqualTo("HoldFailed");
        assertThat(failed.call().mediaAudience(music)).isEmpty();
    }

    @Test
    void aHeldLegEndingStopsItsMusic() {
        MediaOperationId music = MediaOperationId.of("hold-" + bob().id().value());
        Call held = aConnectedCall().hold(bob().id().value(), true, Optional.of(MUSIC), Optional.empty(),
                OperationCallback.OWN).call();

        assertThat(held.legEnded(bob().leg(), ResultInformation.REMOTE_HUNG_UP).commands())
                .containsExactly(new StopMedia(music));
    }

    @Test
    void mutingSetsTheLegMutedOnceAndRemovingHangsItUp() {
        Transition muted = aConnectedCall().mute(bob().id().value(), true);

        assertThat(muted.commands()).containsExactly(new SetMuted(bob().leg(), true));
        assertThat(muted.call().mute(bob().id().value(), true).commands()).isEmpty();
        assertThat(aConnectedCall().removeParticipant(bob().id().value(), Optional.empty(), OperationCallback.OWN)
                .commands()).containsExactly(new HangUp(bob().leg()));
    }
}
