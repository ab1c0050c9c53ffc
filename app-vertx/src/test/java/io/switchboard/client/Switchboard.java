package io.switchboard.client;

import io.switchboard.app.AppConfig;
import io.switchboard.app.SwitchboardServer;

import java.nio.file.Path;
import java.util.Map;

/** A Switchboard server in this JVM: HTTP on 127.0.0.1 and a free port, sandbox phones, no SIP. */
final class Switchboard {

    static final String KEY = "Y2FsbC1jbGllbnQtdGVzdC1hY2Nlc3Mta2V5LTIwMjY=";

    private Switchboard() {
    }

    static SwitchboardServer start(Path dataDir) throws Exception {
        return SwitchboardServer.start(AppConfig.fromSettings(Map.of(
                "SWITCHBOARD_HTTP_PORT", "0",
                "SWITCHBOARD_ACCESS_KEY", KEY,
                "SWITCHBOARD_DATA_DIR", dataDir.toString(),
                "SWITCHBOARD_SIP_ENABLED", "false")));
    }
}
