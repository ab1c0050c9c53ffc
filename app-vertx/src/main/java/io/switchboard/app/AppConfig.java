package io.switchboard.app;

import io.switchboard.adapter.media.RecognitionServiceConfig;
import io.switchboard.adapter.media.SpeechServiceConfig;
import io.switchboard.adapter.sip.SipConfig;
import io.switchboard.application.port.out.OutboundPolicy;
import io.switchboard.rtp.MediaConfig;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The server's settings, read once at start (defaults &lt; config file &lt; environment) and validated; every
 * adapter gets its slice.
 *
 * @param accessKey  the base64 HMAC access key; generated into the data directory when absent
 * @param publicHost the host name clients sign when the server sits behind a proxy
 * @param sip        SIP signalling: host, port, trunk, users
 * @param rtp        the RTP media engine: bind address, port range, media timeout
 * @param incomingCallUrl where ACS IncomingCall events go (the Event Grid subscription endpoint); without it calls
 *                        to this server are refused
 * @param engines         the speech engines of this machine (embedded or installed), unless a service is configured
 * @param speechService   a remote speech service that speaks instead of the embedded engine, if configured
 * @param recognitionService a remote recognition service that listens instead of the embedded engine, if configured
 * @param tls             serve the REST API over https, and how; plain http if empty
 * @param recordings      where recordings are kept, for how long, and where their files are announced
 * @param trustedProxies  the reverse proxies (IP addresses) whose {@code X-Forwarded-Host} is believed
 * @param outbound        the addresses the server may fetch from and post to besides public ones
 * @param logging         the log format and level
 * @param journal         where events, calls and repeatable requests are kept across restarts
 */
public record AppConfig(String httpHost, int httpPort, Optional<String> accessKey, Path dataDir,
                        Optional<String> publicHost, Duration ringTimeout, Duration webhookRetryWindow,
                        boolean sipEnabled, SipConfig sip, MediaConfig rtp, Duration shutdownGrace,
                        Optional<URI> incomingCallUrl, EngineSettings engines,
                        Optional<SpeechServiceConfig> speechService,
                        Optional<RecognitionServiceConfig> recognitionService, Optional<TlsSettings> tls,
                        RecordingSettings recordings, Set<String> trustedProxies, OutboundPolicy outbound,
                        LogSettings logging, JournalSettings journal) {

    /**
     * Reads settings given as {@code SWITCHBOARD_*} names and values (as in the environment), over the defaults.
     *
     * @throws IllegalArgumentException naming the first invalid setting and its expected form
     */
    public static AppConfig fromSettings(Map<String, String> settings) {
        return AppConfigLoader.fromSettings(settings);
    }
}
