package io.switchboard.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What an operator reads when the server cannot start. */
class StartupTest {

    @TempDir
    Path dataDir;

    @Test
    void namesTheHttpPortWhenItIsInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> SwitchboardServer.start(AppConfig.fromSettings(Map.of(
                    "SWITCHBOARD_HTTP_PORT", String.valueOf(port), "SWITCHBOARD_DATA_DIR", dataDir.toString(),
                    "SWITCHBOARD_SIP_ENABLED", "false"))))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("SWITCHBOARD_HTTP_PORT: " + port + " on 127.0.0.1 is in use (expected: a free port)");
        }
    }
}
