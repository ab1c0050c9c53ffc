package io.switchboard.app;

import io.switchboard.adapter.sip.SippProcess;
import io.switchboard.adapter.sip.TestPorts;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kamailio (Debian package {@code kamailio}) as the carrier ({@code interop/kamailio/carrier.cfg}): it counts the
 * calls it carries with its dialog module and the new calls a second with pipelimit, and refuses anything over its
 * limits with 503, logged "OVER LIMIT"; one of its sockets is a carrier that is down (503 to every INVITE); it is
 * the registrar of the trunk account. A SIPp callee behind it answers and hangs up. Runs only with
 * {@code -Dinterop=true} ({@code interop/kamailio/run.sh}).
 */
@Tag("interop")
@EnabledIfSystemProperty(named = "interop", matches = "true")
class KamailioCarrierInteropTest {

    private static final Path SCENARIOS = Path.of(System.getProperty("sipp.dir", "../interop/sipp")).toAbsolutePath();
    private static final Path CONFIG = Path.of(System.getProperty("kamailio.config",
            "../interop/kamailio/carrier.cfg")).toAbsolutePath();
    private static final String KEY = "a2FtYWlsaW8tY2Fycmllci1pbnRlcm9wLXRlc3Qta2V5";
    private static final String CALLEE = "+14255550123";
    private static final int MAX_CALLS = 5;
    private static final int CPS = 20;
    private static final int BURST = 500;
    private static final String PUBLIC_HOST = "127.0.0.9";

    @TempDir
    static Path dir;
    private static Process kamailio;
    private static Path kamailioLog;
    private static int downPort;
    private static int proxyPort;
    private static int calleePort;
    private static CallbackReceiver app;
    private SwitchboardServer server;
    private SippProcess callee;
    /** Where this test's part of the carrier's log starts. */
    private int logStart;

    @BeforeAll
    static void startCarrier() throws Exception {
        downPort = TestPorts.freeUdpPort();
        proxyPort = TestPorts.freeUdpPort();
        calleePort = TestPorts.freeUdpPort();
        Path config = dir.resolve("carrier.cfg");
        Files.writeString(config, Files.readString(CONFIG)
                .replace("@DOWN_PORT@", String.valueOf(downPort))
                .replace("@PROXY_PORT@", String.valueOf(proxyPort))
                .replace("@CALLEE_PORT@", String.valueOf(calleePort))
                .replace("@MAX_CALLS@", String.valueOf(MAX_CALLS))
                .replace("@CPS@", String.valueOf(CPS))
                .replace("@PASSWORD@", "secret")
                .replace("@CTL_SOCKET@", dir.resolve("ctl.sock").toString()));
        kamailioLog = dir.resolve("kamailio.log");
        kamailio = new ProcessBuilder("kamailio", "-DD", "-E", "-f", config.toString(), "-Y", dir.toString(),
                "-P", dir.resolve("kamailio.pid").toString())
                .redirectErrorStream(true).redirectOutput(kamailioLog.toFile()).start();
        await("Kamailio listening").atMost(Duration.ofSeconds(15)).until(() -> {
            assertThat(kamailio.isAlive()).as("Kamailio runs: %s", fullLog()).isTrue();
            return bound(downPort) && bound(proxyPort);
        });
        app = new CallbackReceiver();
    }

    @AfterAll
    static void stopCarrier() throws Exception {
        if (kamailio != null) {
            kamailio.descendants().forEach(ProcessHandle::destroy);
            kamailio.destroy();
            kamailio.waitFor();
        }
        if (app != null) {
            app.close();
        }
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofSeconds(3));
        }
        if (callee != null) {
            callee.close();
        }
    }

    private void start(Map<String, String> trunks, String rtpPorts) throws Exception {
        logStart = fullLog().length();
        Map<String, String> settings = new HashMap<>(trunks);
        settings.put("SWITCHBOARD_HTTP_PORT", "0");
        settings.put("SWITCHBOARD_ACCESS_KEY", KEY);
        settings.put("SWITCHBOARD_DATA_DIR", dir.resolve("server-" + rtpPorts).toString());
        settings.put("SWITCHBOARD_SIP_PORT", String.valueOf(TestPorts.freeUdpPort()));
        settings.put("SWITCHBOARD_RTP_PORTS", rtpPorts);
        settings.put("SWITCHBOARD_RING_TIMEOUT_SECONDS", "120");
        server = SwitchboardServer.start(AppConfig.fromSettings(settings));
    }

    @Test
    void aBurstOfCreatesNeverGoesOverTheCarriersChannelsOrCallsPerSecond() throws Exception {
        // given: the carrier takes 5 calls at once and 20 a second, and so does the trunk
        callee = SippProcess.start(SCENARIOS, "uas_answer_hangup.xml", calleePort, TestPorts.freeUdpPort(), BURST,
                List.of("-timeout", "200s")); // the calls take a minute or more, 5 at a time
        start(Map.of("SWITCHBOARD_SIP_TRUNK", "sip:127.0.0.1:" + proxyPort,
                "SWITCHBOARD_SIP_TRUNK_MAX_CALLS", String.valueOf(MAX_CALLS),
                "SWITCHBOARD_SIP_TRUNK_CPS", String.valueOf(CPS)), "44000-45099");
        SignedClient api = new SignedClient(server.httpPort(), KEY);

        // when: 500 calls asked for at once
        long started = System.nanoTime();
        List<String> calls = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            calls.add(api.createGaCall(CALLEE, app.callbackUri()));
        }

        // then: each connects, talks, and is hung up by the callee; the carrier never refused one
        Set<String> asked = Set.copyOf(calls);
        await("every call over").atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(500))
                .until(() -> ended(asked).size() == BURST);
        assertThat(ended(asked).values()).as("how the calls ended").containsOnly("CallDisconnected");
        assertThat(count("OVER LIMIT")).as("calls the carrier refused for its limits: %s", overLimit()).isZero();
        assertThat(count("RELAY")).isEqualTo(BURST);
        // each RELAY line says how many calls the carrier carried before that one
        int most = log().lines().filter(line -> line.contains("RELAY")).mapToInt(line -> Integer.parseInt(
                line.substring(line.lastIndexOf(' ') + 1).trim())).max().orElseThrow() + 1;
        assertThat(most).isLessThanOrEqualTo(MAX_CALLS);
        System.out.printf("KamailioCarrierInteropTest: %d calls through the carrier in %.1f s, at most %d at once "
                + "(its limit %d, %d a second)%n", BURST, (System.nanoTime() - started) / 1e9, most, MAX_CALLS, CPS);
        assertThat(callee.awaitExit(Duration.ofSeconds(30))).as(callee.output()).isZero();
    }

    @Test
    void failsOverFromACarrierThatIsDownRegistersAndSaysItsPublicAddress() throws Exception {
        // given: trunk 1 is down, trunk 2 takes the call and is registered with; the server is behind NAT
        callee = SippProcess.start(SCENARIOS, "uas_answer.xml", calleePort, TestPorts.freeUdpPort(), 1);
        start(Map.of("SWITCHBOARD_SIP_TRUNK", "sip:127.0.0.1:" + downPort,
                "SWITCHBOARD_SIP_TRUNK_2", "sip:acme:secret@127.0.0.1:" + proxyPort,
                "SWITCHBOARD_SIP_TRUNK_2_REGISTER_SECONDS", "60",
                "SWITCHBOARD_SIP_PUBLIC_HOST", PUBLIC_HOST), "43800-43819");
        SignedClient api = new SignedClient(server.httpPort(), KEY);
        await("registered with trunk 2").atMost(Duration.ofSeconds(10))
                .until(() -> log().contains("REGISTERED sip:acme@"));

        // when
        String call = api.createGaCall(CALLEE, app.callbackUri());

        // then: refused by trunk 1, connected through trunk 2
        app.awaitEvent(call, "CallConnected", Duration.ofSeconds(15));
        assertThat(log()).contains("DOWN 503 sip:" + CALLEE + "@127.0.0.1:" + downPort)
                .contains("RELAY sip:" + CALLEE + "@127.0.0.1:" + proxyPort);
        // the REGISTER and the INVITEs name the public address in Via (sent-by, with rport) and Contact
        String register = line("REQUEST REGISTER");
        assertThat(register).contains("via [SIP/2.0/UDP " + PUBLIC_HOST + ":").contains(";rport")
                .contains("contact [<sip:acme@" + PUBLIC_HOST + ":");
        assertThat(line("REQUEST INVITE sip:" + CALLEE + "@127.0.0.1:" + proxyPort))
                .contains("via [SIP/2.0/UDP " + PUBLIC_HOST + ":").contains("@" + PUBLIC_HOST + ":");
        api.send("POST", "/calling/callConnections/" + call + ":terminate" + SignedClient.GA_VERSION, "{}");
        app.awaitEvent(call, "CallDisconnected", Duration.ofSeconds(15));
        assertThat(callee.awaitExit(Duration.ofSeconds(15))).as(callee.output()).isZero();
        // one INVITE through each trunk, and trunk 2's registration, in /metrics
        Scraped metrics = Scraped.from(server.httpPort());
        assertThat(metrics.value("switchboard_sip_trunk_invites_total{trunk=\"1\"}")).isEqualTo(1);
        assertThat(metrics.value("switchboard_sip_trunk_invites_total{trunk=\"2\"}")).isEqualTo(1);
        assertThat(metrics.value("switchboard_sip_trunk_registered{trunk=\"2\"}")).isEqualTo(1);
    }

    /** How each of the calls ended so far (CallDisconnected, CreateCallFailed), by call id. */
    private static Map<String, String> ended(Set<String> calls) {
        return app.events().stream().filter(e -> {
            String name = CallbackReceiver.name(e);
            return name.equals("CallDisconnected") || name.equals("CreateCallFailed");
        }).filter(e -> calls.contains(e.getJsonObject("data", new JsonObject()).getString("callConnectionId")))
                .collect(Collectors.toMap(e -> e.getJsonObject("data").getString("callConnectionId"),
                        CallbackReceiver::name, (first, second) -> first));
    }

    private long count(String what) throws IOException {
        return log().lines().filter(line -> line.contains(what)).count();
    }

    private String overLimit() throws IOException {
        return log().lines().filter(line -> line.contains("OVER LIMIT")).limit(5).collect(Collectors.joining("\n"));
    }

    private String line(String what) throws IOException {
        return log().lines().filter(line -> line.contains(what)).findFirst()
                .orElseThrow(() -> new AssertionError("no Kamailio log line with " + what));
    }

    /** The carrier's log since this test started its server. */
    private String log() throws IOException {
        String all = fullLog();
        return all.substring(Math.min(logStart, all.length()));
    }

    private static String fullLog() throws IOException {
        return Files.exists(kamailioLog) ? Files.readString(kamailioLog) : "";
    }

    private static boolean bound(int port) {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            return false;
        } catch (SocketException taken) {
            return true;
        }
    }
}
