package io.switchboard.adapter.sip;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.MessageChannel;
import io.switchboard.application.port.out.DialRequest;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import org.awaitility.Awaitility;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javax.sip.message.Request;

/** Configurations and requests for the adapter's tests. */
final class SipFixtures {

    static final CallConnectionId CALL = CallConnectionId.of("call-1");
    /** How long a peer must have received nothing more, once everything was handled, for nothing to come. */
    static final Duration QUIET = Duration.ofMillis(150);
    static final LegId LEG = LegId.of("leg-1");
    static final PhoneNumberIdentifier CALLEE = new PhoneNumberIdentifier("+14255550123");
    static final PhoneNumberIdentifier CALLER = new PhoneNumberIdentifier("+18005550100");

    private SipFixtures() {
    }

    /** A configuration on a free port whose trunk is the given port; T1 = 50 ms, so Timer B is 3.2 s. */
    static SipConfig configWithTrunk(int trunkPort, Optional<String> credentials) throws IOException {
        return configWithTrunk(trunkPort, credentials, SipTransport.UDP, Duration.ofMillis(50));
    }

    /** As {@link #configWithTrunk(int, Optional)}, the trunk and alice reached over the given transport. */
    static SipConfig configWithTrunk(int trunkPort, Optional<String> credentials, SipTransport transport, Duration t1)
            throws IOException {
        String trunk = "sip:" + credentials.map(c -> c + "@").orElse("") + "127.0.0.1:" + trunkPort
                + transport.uriParameter();
        return new SipConfig("127.0.0.1", TestPorts.freeUdpPort(), Optional.of(SipTrunk.parse(trunk)),
                Map.of("8:acs:alice", "sip:alice@127.0.0.1:" + trunkPort + transport.uriParameter()), "switchboard",
                t1);
    }

    static DialRequest dial(CommunicationIdentifier target, Duration ringTimeout) {
        return new DialRequest(CALL, LEG, target, Optional.of(CALLER), ringTimeout);
    }

    /**
     * Waits until the adapter's signalling thread has run every task queued so far (requests made, media and SIP
     * reports received): a tone request for a leg it does not know is refused on that thread, after them.
     */
    static void settle(SipTelephony telephony) throws Exception {
        telephony.sendTones(CALL, LegId.of("settle"), List.of(Tone.ONE)).toCompletableFuture()
                .handle((sent, refused) -> refused).get(5, TimeUnit.SECONDS);
    }

    /**
     * Whether {@code condition} holds throughout a short quiet window: for what must not happen, such as a message
     * the peer must not receive, once everything that could have caused it was handled ({@link #settle}). Fails
     * as soon as the condition breaks.
     */
    static void quietly(Callable<Boolean> condition) {
        Awaitility.await("nothing more within the quiet window").during(QUIET).atMost(QUIET.multipliedBy(3))
                .pollInterval(Duration.ofMillis(10)).until(condition);
    }

    /** The transport a request received by a JAIN-SIP peer really came over, whatever its Via says. */
    static SipTransport arrivedOver(Request request) {
        String transport = ((MessageChannel) ((SIPRequest) request).getMessageChannel()).getTransport();
        return SipTransport.valueOf(transport.toUpperCase(Locale.ROOT));
    }
}
