package io.switchboard.adapter.sip;

import io.switchboard.adapter.sip.RecordingTelephonyEvents.Answered;
import io.switchboard.adapter.sip.RecordingTelephonyEvents.Ended;
import io.switchboard.adapter.sip.RecordingTelephonyEvents.Event;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sip.message.Request;

import static io.switchboard.adapter.sip.SipFixtures.LEG;
import static io.switchboard.adapter.sip.SipFixtures.dial;
import static io.switchboard.adapter.sip.TestPorts.freeUdpPort;
import static io.switchboard.adapter.sip.SipFixtures.quietly;
import static io.switchboard.adapter.sip.SipFixtures.settle;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several trunks, each a real peer: numbers go to the trunk of their longest matching prefix, and to the next trunk
 * when one answers 5xx, or first to one that answers OPTIONS when another no longer does; the application sees one
 * leg.
 */
class SipTrunkFailoverTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final PhoneNumberIdentifier US = new PhoneNumberIdentifier("+14255550123");
    private static final PhoneNumberIdentifier UK = new PhoneNumberIdentifier("+442071838750");

    private final RecordingTelephonyEvents events = new RecordingTelephonyEvents();
    private final RecordingIncomingCalls incoming = new RecordingIncomingCalls();
    private final TestMedia media = TestMedia.start();
    private TestUserAgent first;
    private TestUserAgent second;
    private SipTelephony telephony;

    @AfterEach
    void stop() {
        if (telephony != null) {
            telephony.close();
        }
        for (TestUserAgent carrier : new TestUserAgent[] {first, second}) {
            if (carrier != null) {
                carrier.close();
            }
        }
        media.close();
    }

    /** Trunk 1 (carrying only {@code firstPrefixes}, none: all) and trunk 2 (all numbers), each a test UA. */
    private void start(List<String> firstPrefixes) throws Exception {
        start(firstPrefixes, Map.of());
    }

    /** As {@link #start(List)}, with more settings. */
    private void start(List<String> firstPrefixes, Map<String, String> more) throws Exception {
        int firstPort = freeUdpPort();
        int secondPort = freeUdpPort();
        first = TestUserAgent.start(firstPort);
        second = TestUserAgent.start(secondPort);
        Map<String, String> settings = new HashMap<>(Map.of(
                SipConfig.HOST, "127.0.0.1",
                SipConfig.PORT, String.valueOf(freeUdpPort()),
                SipConfig.T1, "50",
                SipConfig.TRUNK, "sip:127.0.0.1:" + firstPort,
                SipTrunk.PREFIXES, String.join(",", firstPrefixes),
                "SWITCHBOARD_SIP_TRUNK_2", "sip:127.0.0.1:" + secondPort));
        settings.putAll(more);
        telephony = SipTelephony.start(SipConfig.parse(settings), media.engine, events, incoming);
    }

    private static long invites(TestUserAgent carrier) {
        return carrier.methods().stream().filter(Request.INVITE::equals).count();
    }

    @Test
    void aLegTheFirstTrunkRefusesWith503GoesThroughTheNextAndIsAnsweredThere() throws Exception {
        // given
        start(List.of());
        first.behave(TestUserAgent.Behaviour.UNAVAILABLE);

        // when
        telephony.dial(dial(US, WAIT));

        // then: one leg, answered, as far as the application knows
        assertThat(events.await(1, WAIT)).containsExactly(new Answered(LEG));
        assertThat(invites(first)).isEqualTo(1);
        assertThat(second.await(Request.INVITE, WAIT).getRequestURI().toString())
                .startsWith("sip:" + US.value() + "@127.0.0.1:");
        settle(telephony);
        assertThat(events.events()).noneMatch(Ended.class::isInstance);
        assertThat(telephony.trunkCalls("1")).isZero();
        assertThat(telephony.trunkCalls("2")).isEqualTo(1);
    }

    @Test
    void aTrunkThatStopsAnsweringOptionsIsTriedAfterTheOthersUntilItAnswersAgain() throws Exception {
        // given: both trunks asked every second whether they are there (Timer F here: 64 x 50 ms); the first has gone
        start(List.of(), Map.of(SipTrunk.OPTIONS, "1", "SWITCHBOARD_SIP_TRUNK_2_OPTIONS_SECONDS", "1"));
        first.silent(true);
        Awaitility.await("trunk 1 given up on").atMost(Duration.ofSeconds(15))
                .until(() -> telephony.trunkUp("1").equals(Optional.of(false)));
        assertThat(first.methods()).contains(Request.OPTIONS);
        assertThat(telephony.trunkUp("2")).contains(true);

        // when
        telephony.dial(dial(US, WAIT));

        // then: through the second at once, no INVITE waiting out its timeout at the first
        assertThat(events.await(1, WAIT)).containsExactly(new Answered(LEG));
        second.await(Request.INVITE, WAIT);
        assertThat(invites(first)).isZero();

        // when: the first answers again, it is up again
        first.silent(false);
        Awaitility.await("trunk 1 up again").atMost(Duration.ofSeconds(15))
                .until(() -> telephony.trunkUp("1").equals(Optional.of(true)));
        assertThat(telephony.trunkUp("3")).isEmpty();
    }

    @Test
    void aBusyCalleeIsAnAnswerNotAFailure() throws Exception {
        // given
        start(List.of());
        first.behave(TestUserAgent.Behaviour.BUSY);

        // when
        telephony.dial(dial(US, WAIT));

        // then
        List<Event> seen = events.await(1, WAIT);
        assertThat(seen).singleElement().isInstanceOfSatisfying(Ended.class,
                ended -> assertThat(ended.cause().subCode()).isEqualTo(8539));
        quietly(() -> invites(second) == 0);
    }

    @Test
    void aNumberGoesToTheTrunkOfItsLongestPrefixFirst() throws Exception {
        // given: trunk 1 carries +44 only, trunk 2 everything
        start(List.of("+44"));

        // when
        telephony.dial(dial(US, WAIT));
        assertThat(events.await(1, WAIT)).containsExactly(new Answered(LEG));

        // then: +1 is not trunk 1's
        assertThat(invites(second)).isEqualTo(1);
        assertThat(invites(first)).isZero();
        assertThat(telephony.canReach(UK)).isTrue();
    }

    @Test
    void whenEveryTrunkFailsTheLegEndsWithTheLastOnesAnswer() throws Exception {
        // given
        start(List.of());
        first.behave(TestUserAgent.Behaviour.UNAVAILABLE);
        second.behave(TestUserAgent.Behaviour.UNAVAILABLE);

        // when
        telephony.dial(dial(UK, WAIT));

        // then
        assertThat(events.await(1, WAIT)).singleElement().isInstanceOfSatisfying(Ended.class,
                ended -> assertThat(ended.cause().message()).contains("503"));
        assertThat(invites(first)).isEqualTo(1);
        assertThat(invites(second)).isEqualTo(1);
    }
}
