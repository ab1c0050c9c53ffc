package io.switchboard.app;

import io.switchboard.adapter.sip.SippProcess;
import io.switchboard.adapter.sip.TestPorts;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A running Switchboard whose SIP trunk is a SIPp process playing one scenario of {@code interop/sipp}. */
final class SippTrunk implements AutoCloseable {

    static final Path SCENARIOS = Path.of(System.getProperty("sipp.dir", "../interop/sipp")).toAbsolutePath();

    final SippProcess sipp;
    final SwitchboardServer server;
    final SignedClient api;

    private SippTrunk(SippProcess sipp, SwitchboardServer server, SignedClient api) {
        this.sipp = sipp;
        this.server = server;
        this.api = api;
    }

    /**
     * Starts SIPp answering {@code calls} calls with the scenario, then the server with T1 = 50 ms (so that INVITE
     * retransmissions, which the scenarios must survive, happen) and RTP on the given range.
     */
    static SippTrunk start(String scenario, int calls, Path dataDir, String key, String rtpPorts) throws Exception {
        return start(SCENARIOS, scenario, calls, dataDir, key, rtpPorts);
    }

    /** As {@link #start(String, int, Path, String, String)}, with the scenario (and its pcaps) in {@code dir}. */
    static SippTrunk start(Path dir, String scenario, int calls, Path dataDir, String key, String rtpPorts)
            throws Exception {
        return start(dir, scenario, calls, dataDir, key, rtpPorts, List.of());
    }

    /** As {@link #start(Path, String, int, Path, String, String)}, SIPp run with more {@code options}. */
    static SippTrunk start(Path dir, String scenario, int calls, Path dataDir, String key, String rtpPorts,
                           List<String> options) throws Exception {
        int trunkPort = TestPorts.freeUdpPort();
        SippProcess sipp = SippProcess.start(dir, scenario, trunkPort, TestPorts.freeUdpPort(), calls, options);
        try {
            SwitchboardServer server = SwitchboardServer.start(AppConfig.fromSettings(Map.of(
                    "SWITCHBOARD_HTTP_PORT", "0",
                    "SWITCHBOARD_ACCESS_KEY", key,
                    "SWITCHBOARD_DATA_DIR", dataDir.toString(),
                    "SWITCHBOARD_SIP_PORT", Integer.toString(TestPorts.freeUdpPort()),
                    "SWITCHBOARD_SIP_TRUNK", "sip:127.0.0.1:" + trunkPort,
                    "SWITCHBOARD_SIP_T1_MILLIS", "50",
                    "SWITCHBOARD_RTP_PORTS", rtpPorts)));
            return new SippTrunk(sipp, server, new SignedClient(server.httpPort(), key));
        } catch (Exception e) {
            sipp.close();
            throw e;
        }
    }

    @Override
    public void close() {
        server.stop(Duration.ofSeconds(3));
        sipp.close();
    }
}
