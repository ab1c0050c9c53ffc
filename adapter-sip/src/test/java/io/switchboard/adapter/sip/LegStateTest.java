package io.switchboard.adapter.sip;

import io.switchboard.adapter.sip.LegState.Accepted;
import io.switchboard.adapter.sip.LegState.Ack;
import io.switchboard.adapter.sip.LegState.AckTimeout;
import io.switchboard.adapter.sip.LegState.Action;
import io.switchboard.adapter.sip.LegState.Answer;
import io.switchboard.adapter.sip.LegState.End;
import io.switchboard.adapter.sip.LegState.HangUp;
import io.switchboard.adapter.sip.LegState.LogRinging;
import io.switchboard.adapter.sip.LegState.Lost;
import io.switchboard.adapter.sip.LegState.Over;
import io.switchboard.adapter.sip.LegState.Provisional;
import io.switchboard.adapter.sip.LegState.Refused;
import io.switchboard.adapter.sip.LegState.Reinvited;
import io.switchboard.adapter.sip.LegState.RingTimeout;
import io.switchboard.adapter.sip.LegState.Signal;
import io.switchboard.adapter.sip.LegState.Step;
import io.switchboard.adapter.sip.LegState.Transferred;
import io.switchboard.adapter.sip.sdp.RemoteAudio;
import io.switchboard.domain.call.ResultInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The leg's state table, one table per signal: every state, the state it goes to and the actions on the way (by
 * name; "-" for none). The causes the table reports are checked where they matter.
 */
class LegStateTest {

    private static final RemoteAudio AUDIO = new RemoteAudio("127.0.0.1", 40000, 0, 101);

    /** "NEXT: Action Action", the actions by their simple names. */
    private static String step(LegState from, Signal signal) {
        Step step = from.on(signal);
        String actions = step.actions().stream().map(a -> a.getClass().getSimpleName())
                .collect(Collectors.joining(" "));
        return step.next() + ": " + (actions.isEmpty() ? "-" : actions);
    }

    private static Action only(Step step, Class<? extends Action> type) {
        return step.actions().stream().filter(type::isInstance).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "{0} on 100 Trying")
    @CsvSource(delimiter = '|', value = {
            "CALLING        | TRYING: -",
            "TRYING         | TRYING: -",
            "RINGING        | RINGING: -",
            "ACCEPTED       | ACCEPTED: -",
            "ANSWERED       | ANSWERED: -",
            "CANCEL_PENDING | CANCELING: SendCancel",
            "CANCELING      | CANCELING: -",
            "BYE_AFTER_ACK  | BYE_AFTER_ACK: -",
            "HANGING_UP     | HANGING_UP: -",
            "GONE           | GONE: -"})
    void trying(LegState from, String expected) {
        assertThat(step(from, new Provisional(100))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} on 180 Ringing")
    @CsvSource(delimiter = '|', value = {
            "CALLING        | RINGING: LogRinging",
            "TRYING         | RINGING: LogRinging",
            "RINGING        | RINGING: -",
            "ACCEPTED       | ACCEPTED: -",
            "ANSWERED       | ANSWERED: -",
            "CANCEL_PENDING | CANCELING: SendCancel",
            "CANCELING      | CANCELING: -",
            "BYE_AFTER_ACK  | BYE_AFTER_ACK: -",
            "HANGING_UP     | HANGING_UP: -",
            "GONE           | GONE: -"})
    void ringing(LegState from, String expected) {
        assertThat(step(from, new Provisional(180))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} on a 2xx with audio")
    @CsvSource(delimiter = '|', value = {
            "CALLING        | ANSWERED: Answer",
            "TRYING         | ANSWERED: Answer",
            "RINGING        | ANSWERED: Answer",
            "ACCEPTED       | ACCEPTED: -",
            "ANSWERED       | ANSWERED: -",
            "CANCEL_PENDING | HANGING_UP: SendBye",
            "CANCELING      | HANGING_UP: SendBye",
            "BYE_AFTER_ACK  | BYE_AFTER_ACK: -",
            "HANGING_UP     | HANGING_UP: -",
            "GONE           | GONE: -"})
    void accepted(LegState from, String expected) {
        assertThat(step(from, new Accepted(Optional.of(AUDIO)))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} on a 2xx without audio we can send")
    @CsvSource(delimiter = '|', value = {
            "CALLING        | HANGING_UP: End SendBye",
            "RINGING        | HANGING_UP: End SendBye",
            "CANCELING      | HANGING_UP: SendBye"})
    void acceptedWithoutAudio(LegState from, String expected) {
        assertThat(step(from, new Accepted(Optional.empty()))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} on 486 Busy Here")
    @CsvSource(delimiter = '|', value = {
            "CALLING        | GONE: End Forget",
            "TRYING         | GONE: End Forget",
            "RINGING        | GONE: End Forget",
            "CANCEL_PENDING | GONE: Forget",
            "CANCELING      | GONE: Forget",
            "HANGING_UP     | GONE: Forget"})
    void refused(LegState from, String expected) {
        assertThat(step(from, new Refused(486, "Busy Here"))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} on a challenge answered with a new INVITE")
    @CsvSource(delimiter = '|', value = {
            "CALLING        | CALLING: -",
            "TRYING         | CALLING: -",
            "RINGING        | CALLING: -",
            "CANCELING      | CANCELING: -"})
    void reinvited(LegState from, String expected) {
        assertThat(step(from, new Reinvited())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} on the application's hang-up")
    @CsvSource(delimiter = '|', value = {
            "CALLING        | CANCEL_PENDING: End",
            "TRYING         | CANCELING: End SendCancel",
            "RINGING        | CANCELING: End SendCancel",
            "ACCEPTED       | BYE_AFTER_ACK: End",
            "ANSWERED       | HANGING_UP: End SendBye",
            "CANCEL_PENDING | CANCEL_PENDING: -",
            "CANCELING      | CANCELING: -",
            "BYE_AFTER_ACK  | BYE_AFTER_ACK: -",
            "HANGING_UP     | HANGING_UP: -",
            "GONE           | GONE: -"})
    void hangUp(LegState from, String expected) {
        assertThat(step(from, new HangUp())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} on the ring timeout")
    @CsvSource(delimiter = '|', value = {
            "CALLING        | CANCEL_PENDING: End",
            "TRYING         | CANCELING: End SendCancel",
            "RINGING        | CANCELING: End SendCancel",
            "ACCEPTED       | ACCEPTED: -",
            "ANSWERED       | ANSWERED: -",
            "CANCELING      | CANCELING: -",
            "GONE           | GONE: -"})
    void ringTimeout(LegState from, String expected) {
        assertThat(step(from, new RingTimeout("30"))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} when the session is found lost (media timeout, session timer, 481)")
    @CsvSource(delimiter = '|', value = {
            "RINGING        | RINGING: -",
            "ACCEPTED       | ACCEPTED: -",
            "ANSWERED       | HANGING_UP: End SendBye",
            "HANGING_UP     | HANGING_UP: -"})
    void lost(LegState from, String expected) {
        assertThat(step(from, new Lost("media timeout"))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} on the ACK of our 200")
    @CsvSource(delimiter = '|', value = {
            "ACCEPTED       | ANSWERED: Answer",
            "ANSWERED       | ANSWERED: -",
            "BYE_AFTER_ACK  | HANGING_UP: SendBye",
            "HANGING_UP     | HANGING_UP: -",
            "GONE           | GONE: -"})
    void ack(LegState from, String expected) {
        assertThat(step(from, new Ack(AUDIO))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} when the ACK never comes")
    @CsvSource(delimiter = '|', value = {
            "ACCEPTED       | HANGING_UP: End SendBye",
            "ANSWERED       | ANSWERED: -",
            "BYE_AFTER_ACK  | HANGING_UP: SendBye",
            "GONE           | GONE: -"})
    void ackTimeout(LegState from, String expected) {
        assertThat(step(from, new AckTimeout())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} handed over by a transfer")
    @CsvSource(delimiter = '|', value = {
            "RINGING        | RINGING: -",
            "ANSWERED       | HANGING_UP: Release SendBye",
            "HANGING_UP     | HANGING_UP: -"})
    void transferred(LegState from, String expected) {
        assertThat(step(from, new Transferred(SipUri.parse("target", "sip:bob@127.0.0.1:5060", "sip:bob@host"))))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} once its SIP is over")
    @CsvSource(delimiter = '|', value = {
            "CALLING        | GONE: End Forget",
            "TRYING         | GONE: End Forget",
            "RINGING        | GONE: End Forget",
            "ACCEPTED       | GONE: End Forget",
            "ANSWERED       | GONE: End Forget",
            "CANCEL_PENDING | GONE: Forget",
            "CANCELING      | GONE: Forget",
            "BYE_AFTER_ACK  | GONE: Forget",
            "HANGING_UP     | GONE: Forget",
            "GONE           | GONE: Forget"})
    void over(LegState from, String expected) {
        assertThat(step(from, new Over(ResultInformation.REMOTE_HUNG_UP))).isEqualTo(expected);
    }

    @Test
    void reportsWhyALegEnded() {
        assertThat(((End) only(LegState.RINGING.on(new HangUp()), End.class)).cause())
                .isEqualTo(ResultInformation.canceled(LegState.HUNG_UP_BEFORE_ANSWER));
        assertThat(((End) only(LegState.ANSWERED.on(new HangUp()), End.class)).cause())
                .isEqualTo(ResultInformation.HUNG_UP_BY_APPLICATION);
        assertThat(((End) only(LegState.TRYING.on(new RingTimeout("2.5")), End.class)).cause())
                .isEqualTo(ResultInformation.unavailable("no answer after 2.5 s"));
        assertThat(((End) only(LegState.RINGING.on(new Refused(486, "Busy Here")), End.class)).cause())
                .isEqualTo(Causes.of(486, "Busy Here"));
        assertThat(((End) only(LegState.ANSWERED.on(new Over(ResultInformation.REMOTE_HUNG_UP)), End.class)).cause())
                .isEqualTo(ResultInformation.REMOTE_HUNG_UP);
    }

    @Test
    void answersWithTheAudioOfTheSdp() {
        assertThat(((Answer) only(LegState.RINGING.on(new Accepted(Optional.of(AUDIO))), Answer.class)).audio())
                .isEqualTo(AUDIO);
        assertThat(((LogRinging) only(LegState.CALLING.on(new Provisional(183)), LogRinging.class)).status())
                .isEqualTo(183);
    }

    @Test
    void reportsAnEndOnlyOnTheWayOutOfTheLiveStates() {
        for (LegState state : LegState.values()) {
            boolean ends = state.on(new Over(ResultInformation.REMOTE_HUNG_UP)).actions().stream()
                    .anyMatch(End.class::isInstance);
            assertThat(ends).as(state.name()).isEqualTo(state.isLive());
        }
    }
}
