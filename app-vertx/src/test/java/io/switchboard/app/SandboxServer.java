package io.switchboard.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The server on its sandbox (SIP off, HTTP on a free port) with an application beside it: a callback receiver and a
 * signed API client. For the tests that drive whole flows.
 */
final class SandboxServer implements AutoCloseable {

    final SwitchboardServer server;
    final CallbackReceiver app;
    final SignedClient api;

    private SandboxServer(SwitchboardServer server, CallbackReceiver app, SignedClient api) {
        this.server = server;
        this.app = app;
        this.api = api;
    }

    /** Started with the access key {@code key}, its data in {@code dataDir}, and {@code settings} on top. */
    static SandboxServer start(Path dataDir, String key, Map<String, String> settings) throws Exception {
        Map<String, String> all = new HashMap<>(Map.of(
                "SWITCHBOARD_HTTP_PORT", "0",
                "SWITCHBOARD_ACCESS_KEY", key,
                "SWITCHBOARD_DATA_DIR", dataDir.toString(),
                "SWITCHBOARD_SIP_ENABLED", "false"));
        all.putAll(settings);
        SwitchboardServer server = SwitchboardServer.start(AppConfig.fromSettings(all));
        return new SandboxServer(server, new CallbackReceiver(), new SignedClient(server.httpPort(), key));
    }

    @Override
    public void close() throws Exception {
        server.stop(Duration.ofSeconds(5));
        app.close();
    }
}
