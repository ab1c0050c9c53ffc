package io.switchboard.app;

import io.switchboard.adapter.sip.Advertised;
import io.switchboard.adapter.sip.InboundAllowList;
import io.switchboard.adapter.sip.SipConfig;
import io.switchboard.adapter.sip.SipTrunk;
import io.switchboard.adapter.sip.TcpLimits;
import io.switchboard.adapter.sip.TrunkLimits;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The settings in force as the console shows them, by setting name: what a value came to after defaults, file and
 * environment. Secrets are never included: not the access key, not the trunk's or the speech services' passwords
 * and keys; URLs lose their query and user info (a signed URL's token or a password would be in them).
 */
final class ConsoleSettings {

    private ConsoleSettings() {
    }

    static Map<String, String> of(AppConfig config) {
        Map<String, String> shown = new TreeMap<>();
        shown.put("SWITCHBOARD_HTTP_HOST", config.httpHost());
        shown.put("SWITCHBOARD_HTTP_PORT", Integer.toString(config.httpPort()));
        shown.put("SWITCHBOARD_PUBLIC_HOST", config.publicHost().orElse("(none)"));
        shown.put("SWITCHBOARD_TLS", config.tls().isPresent() ? "on" : "off");
        shown.put("SWITCHBOARD_DATA_DIR", config.dataDir().toString());
        shown.put("SWITCHBOARD_RING_TIMEOUT_SECONDS", Long.toString(config.ringTimeout().toSeconds()));
        shown.put("SWITCHBOARD_WEBHOOK_RETRY_SECONDS", Long.toString(config.webhookRetryWindow().toSeconds()));
        shown.put("SWITCHBOARD_INCOMING_CALL_URL", config.incomingCallUrl().map(ConsoleSettings::withoutSecrets)
                .orElse("(none)"));
        shown.put("SWITCHBOARD_SHUTDOWN_GRACE_SECONDS", Long.toString(config.shutdownGrace().toSeconds()));
        shown.put("SWITCHBOARD_SIP_ENABLED", Boolean.toString(config.sipEnabled()));
        SipConfig sip = config.sip();
        shown.put(SipConfig.HOST, sip.host());
        shown.put(SipConfig.PORT, Integer.toString(sip.port()));
        shown.put(Advertised.SIP, sip.advertised().sip().orElse("(the listening address)"));
        shown.put(Advertised.MEDIA, sip.advertised().media().orElse("(as SIP)"));
        if (sip.trunks().isEmpty()) {
            shown.put(SipConfig.TRUNK, "(none)");
        }
        for (SipTrunk trunk : sip.trunks()) {
            shown.put(SipTrunk.setting(SipConfig.TRUNK, trunk.name()), trunk.toString()); // its password masked
            shown.put(SipTrunk.setting(SipTrunk.PREFIXES, trunk.name()), trunk.prefixes().isEmpty()
                    ? "(every number)" : String.join(", ", trunk.prefixes()));
            shown.put(SipTrunk.setting(TrunkLimits.MAX_CALLS, trunk.name()),
                    Integer.toString(trunk.limits().maxCalls()));
            shown.put(SipTrunk.setting(TrunkLimits.PER_SECOND, trunk.name()),
                    Integer.toString(trunk.limits().perSecond()));
            shown.put(SipTrunk.setting(SipTrunk.REGISTER, trunk.name()), Long.toString(trunk.register().toSeconds()));
            shown.put(SipTrunk.setting(SipTrunk.OPTIONS, trunk.name()), Long.toString(trunk.options().toSeconds()));
        }
        shown.put(SipConfig.USERS, sip.users().isEmpty() ? "(none)" : sip.users().entrySet().stream()
                .map(user -> user.getKey() + "=" + user.getValue()).sorted().collect(Collectors.joining(", ")));
        shown.put(SipConfig.CALLER_ID, sip.defaultCallerId());
        shown.put(SipConfig.T1, Long.toString(sip.t1().toMillis()));
        shown.put(SipConfig.MAX_RINGING, Integer.toString(sip.maxRinging()));
        shown.put(SipConfig.PRIORITY, sip.raisedSignalling() ? "raised" : "normal");
        shown.put(SipConfig.MIN_SESSION, Integer.toString(sip.sessionMinimum()));
        shown.put(InboundAllowList.SETTING, sip.inbound().networks().stream()
                .map(n -> n.base().getHostAddress() + "/" + n.prefix()).collect(Collectors.joining(", ")));
        shown.put(TcpLimits.PER_ADDRESS, Integer.toString(sip.tcp().perAddress()));
        shown.put(TcpLimits.IDLE, Long.toString(sip.tcp().idle().toSeconds()));
        shown.put("SWITCHBOARD_RTP_PORTS", config.rtp().portMin() + "-" + config.rtp().portMax());
        shown.put("SWITCHBOARD_RTP_PACER_THREADS", Integer.toString(config.rtp().pacerThreads()));
        shown.put("SWITCHBOARD_RTP_PACER_PRIORITY", config.rtp().realtimePacers() ? "realtime" : "normal");
        shown.put("SWITCHBOARD_MEDIA_TIMEOUT_SECONDS", Long.toString(config.rtp().mediaTimeout().toSeconds()));
        shown.put("SWITCHBOARD_RTP_LEARNING", config.rtp().learnSource() ? "on" : "off");
        shown.put("SWITCHBOARD_SPEECH_ENGINE", config.engines().synthesizer());
        shown.put("SWITCHBOARD_SPEECH_VOICE", config.engines().voice());
        shown.put("SWITCHBOARD_RECOGNITION_ENGINE", config.engines().recognizer());
        shown.put("SWITCHBOARD_RECORDINGS_DIR", config.recordings().directory().toString());
        shown.put("SWITCHBOARD_RECORDING_RETENTION_DAYS", Long.toString(config.recordings().retention().toDays()));
        shown.put("SWITCHBOARD_JOURNAL", config.journal().file().map(Object::toString).orElse("memory"));
        shown.put("SWITCHBOARD_JOURNAL_SYNC", config.journal().fullSync() ? "full" : "normal");
        shown.put("SWITCHBOARD_JOURNAL_PRIORITY", config.journal().raisedWriter() ? "raised" : "normal");
        shown.put("SWITCHBOARD_CALL_RETENTION_HOURS", Long.toString(config.journal().callRetention().toHours()));
        shown.put("SWITCHBOARD_EVENT_RETENTION_HOURS", Long.toString(config.journal().eventRetention().toHours()));
        shown.put("SWITCHBOARD_TRUSTED_PROXIES", config.trustedProxies().isEmpty() ? "(none)"
                : String.join(", ", new java.util.TreeSet<>(config.trustedProxies())));
        shown.put("SWITCHBOARD_LOG_FORMAT", config.logging().json() ? "json" : "text");
        shown.put("SWITCHBOARD_LOG_LEVEL", config.logging().level());
        return shown;
    }

    /** A URL without its user info and query. */
    static String withoutSecrets(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "")
                + Optional.ofNullable(url.getRawPath()).orElse("");
    }
}
