package io.switchboard.adapter.sip;

import io.switchboard.adapter.sip.RecordingTelephonyEvents.Answered;
import io.switchboard.application.port.out.DialRequest;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.ResultInformation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import javax.sip.message.Request;

import static io.switchboard.adapter.sip.SipFixtures.CALL;
import static io.switchboard.adapter.sip.SipFixtures.CALLEE;
import static io.switchboard.adapter.sip.SipFixtures.CALLER;
import static io.switchboard.adapter.sip.SipFixtures.configWithTrunk;
import static io.switchboard.adapter.sip.TestPorts.freeUdpPort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The trunk's limits against a real peer as the carrier: never more calls at once than its channels, INVITEs no
 * faster than its calls per second, and the legs that wait for room ending cleanly when their ring time runs out or
 * the application hangs up.
 */
class SipTrunkLimitsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final RecordingTelephonyEvents events = new RecordingTelephonyEvents();
    private final RecordingIncomingCalls incoming = new RecordingIncomingCalls();
    private final TestMedia media = TestMedia.start();
    private TestUserAgent carrier;
    private SipTelephony telephony;

    @AfterEach
    void stop() {
        if (telephony != null) {
            telephony.close();
        }
        if (carrier != null) {
            carrier.close();
        }
        media.close();
    }

    private void start(TrunkLimits limits) throws Exception {
        int port = freeUdpPort();
        carrier = TestUserAgent.start(port);
        SipConfig config = configWithTrunk(port, Optional.empty());
        SipConfig limited = new SipConfig(config.host(), config.port(),
                config.trunk().map(trunk -> trunk.withLimits(limits)), config.users(), config.defaultCallerId(),
                config.t1());
        telephony = SipTelephony.start(limited, media.engine, events, incoming);
    }

    private static DialRequest leg(int n, Duration ringTimeout) {
        return new DialRequest(CALL, LegId.of("leg-" + n), CALLEE, Optional.of(CALLER), ringTimeout);
    }

    private long invitesSeen() {
        return carrier.methods().stream().filter(Request.INVITE::equals).count();
    }

    @Test
    void neverHasMoreCallsOnTheTrunkThanItsChannelsAndSendsTheNextWhenOneEnds() throws Exception {
        // given: two channels
        start(new TrunkLimits(2, 0));

        // when: three legs
        for (int n = 1; n <= 3; n++) {
            telephony.dial(leg(n, WAIT));
        }

        // then: two go out and are answered, the third waits
        await().atMost(WAIT).until(() -> events.events().stream().filter(Answered.class::isInstance).count() == 2);
        await().atMost(WAIT).until(() -> telephony.trunkQueue() == 1);
        assertThat(telephony.trunkCalls()).isEqualTo(2);
        assertThat(invitesSeen()).isEqualTo(2);
        media.awaitSessions(2); // the waiting leg holds no RTP port

        // when: one of them ends
        telephony.hangUp(LegId.of("leg-1"));

        // then: the third goes out
        await().atMost(WAIT).until(() -> events.events().stream().filter(Answered.class::isInstance).count() == 3);
        assertThat(invitesSeen()).isEqualTo(3);
        assertThat(telephony.trunkQueue()).isZero();
        await().atMost(WAIT).until(() -> telephony.trunkCalls() == 2);
    }

    @Test
    void spacesTheInvitesToTheCallsPerSecond() throws Exception {
        // given: 5 calls per second
        start(new TrunkLimits(0, 5));
        long start = System.nanoTime();

        // when: six legs at once
        for (int n = 1; n <= 6; n++) {
            telephony.dial(leg(n, Duration.ofSeconds(10)));
        }

        // then: the sixth INVITE cannot have left before five intervals of 200 ms
        for (int n = 1; n <= 6; n++) {
            carrier.await(Request.INVITE, WAIT);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
        await().atMost(WAIT).until(() -> events.events().stream().filter(Answered.class::isInstance).count() == 6);
    }

    @Test
    void endsALegWhoseRingTimeRunsOutWhileItWaitsAndOneHungUpWhileItWaitsWithoutSendingThem() throws Exception {
        // given: one channel, taken
        start(new TrunkLimits(1, 0));
        telephony.dial(leg(1, WAIT));
        await().atMost(WAIT).until(() -> events.events().stream().filter(Answered.class::isInstance).count() == 1);

        // when: one leg with a short ring time, and one hung up while it waits
        telephony.dial(leg(2, Duration.ofMillis(300)));
        telephony.dial(leg(3, WAIT));
        await().atMost(WAIT).until(() -> telephony.trunkQueue() == 2 || telephony.trunkQueue() == 1);
        telephony.hangUp(LegId.of("leg-3"));

        // then
        ResultInformation timedOut = events.awaitEnded(LegId.of("leg-2"), WAIT);
        assertThat(timedOut.subCode()).isEqualTo(ResultInformation.unavailable("x").subCode());
        assertThat(timedOut.message()).contains("waited for room on trunk 1");
        assertThat(events.awaitEnded(LegId.of("leg-3"), WAIT)).isEqualTo(ResultInformation.HUNG_UP_BY_APPLICATION);
        assertThat(telephony.trunkQueue()).isZero();
        assertThat(invitesSeen()).isEqualTo(1);
        assertThat(telephony.trunkCalls()).isEqualTo(1);
    }

    @Test
    void endsTheLegsStillWaitingWhenItStops() throws Exception {
        // given: one channel, taken, and a leg waiting
        start(new TrunkLimits(1, 0));
        telephony.dial(leg(1, WAIT));
        await().atMost(WAIT).until(() -> events.events().stream().filter(Answered.class::isInstance).count() == 1);
        telephony.dial(leg(2, WAIT));
        await().atMost(WAIT).until(() -> telephony.trunkQueue() == 1);

        // when
        telephony.close();

        // then: reported ended, never sent
        assertThat(events.awaitEnded(LegId.of("leg-2"), WAIT).message()).contains("the server stopped");
        assertThat(invitesSeen()).isEqualTo(1);
    }
}
