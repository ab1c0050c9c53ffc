package io.switchboard.adapter.sip;

import io.switchboard.application.port.out.DialRequest;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.PhoneNumberIdentifier;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Configurations and requests for the adapter's tests. */
final class SipFixtures {

    static final CallConnectionId CALL = CallConnectionId.of("call-1");
    static final LegId LEG = LegId.of("leg-1");
    static final PhoneNumberIdentifier CALLEE = new PhoneNumberIdentifier("+14255550123");
    static final PhoneNumberIdentifier CALLER = new PhoneNumberIdentifier("+18005550100");

    private SipFixtures() {
    }

    /** A configuration on a free port whose trunk is the given port; T1 = 50 ms, so Timer B is 3.2 s. */
    static SipConfig configWithTrunk(int trunkPort, Optional<String> credentials) throws IOException {
        String trunk = "sip:" + credentials.map(c -> c + "@").orElse("") + "127.0.0.1:" + trunkPort;
        return new SipConfig("127.0.0.1", freeUdpPort(), Optional.of(SipTrunk.parse(trunk)),
                Map.of("8:acs:alice", "sip:alice@127.0.0.1:" + trunkPort), "switchboard",
                Duration.ofMillis(50));
    }

    static DialRequest dial(CommunicationIdentifier target, Duration ringTimeout) {
        return new DialRequest(CALL, LEG, target, Optional.of(CALLER), ringTimeout);
    }

    static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return socket.getLocalPort();
        }
    }
}
