package io.switchboard.app;

import io.switchboard.application.port.out.OutboundPolicy;
import io.switchboard.rtp.MediaConfig;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppConfigTest {

    @Test
    void startsOnTheEmbeddedDefaults() {
        // when
        AppConfig config = AppConfig.fromSettings(Map.of());

        // then
        assertThat(config.httpHost()).isEqualTo("127.0.0.1");
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.ringTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.incomingCallUrl()).isEmpty();
        assertThat(config.sipEnabled()).isTrue();
        assertThat(config.speechService()).as("the embedded engine speaks").isEmpty();
    }

    @Test
    void takesARemoteSpeechService() {
        // when
        AppConfig config = AppConfig.fromSettings(Map.of("SWITCHBOARD_SPEECH_URL", "http://127.0.0.1:8000",
                "SWITCHBOARD_SPEECH_VOICE", "nova", "SWITCHBOARD_SPEECH_LOCALES", "en-US, de-DE",
                "SWITCHBOARD_SPEECH_API_KEY", "secret"));

        // then
        assertThat(config.speechService()).hasValueSatisfying(service -> {
            assertThat(service.endpoint()).isEqualTo(URI.create("http://127.0.0.1:8000"));
            assertThat(service.model()).isEqualTo("tts-1");
            assertThat(service.voice()).isEqualTo("nova");
            assertThat(service.apiKey()).contains("secret");
            assertThat(service.locales()).containsExactlyInAnyOrder("en-US", "de-DE");
            assertThat(service.timeout()).isEqualTo(Duration.ofSeconds(10));
        });
        assertThatThrownBy(() -> AppConfig.fromSettings(Map.of("SWITCHBOARD_SPEECH_URL", "http://x",
                "SWITCHBOARD_SPEECH_LOCALES", "english"))).hasMessageStartingWith("SWITCHBOARD_SPEECH_LOCALES: ");
        assertThatThrownBy(() -> AppConfig.fromSettings(Map.of("SWITCHBOARD_SPEECH_URL", "speech")))
                .hasMessageStartingWith("SWITCHBOARD_SPEECH_URL: ");
    }

    @Test
    void takesTheIncomingCallUrl() {
        // when
        AppConfig config = AppConfig.fromSettings(Map.of("SWITCHBOARD_INCOMING_CALL_URL", "http://127.0.0.1:3000/in"));

        // then
        assertThat(config.incomingCallUrl()).contains(URI.create("http://127.0.0.1:3000/in"));
    }

    @Test
    void refusesAnIncomingCallUrlThatIsNotHttpNamingTheSetting() {
        assertThatThrownBy(() -> AppConfig.fromSettings(Map.of("SWITCHBOARD_INCOMING_CALL_URL", "ftp://x/in")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("SWITCHBOARD_INCOMING_CALL_URL: ")
                .hasMessageContaining("an absolute http or https URL");
        assertThatThrownBy(() -> AppConfig.fromSettings(Map.of("SWITCHBOARD_INCOMING_CALL_URL", "/in")))
                .hasMessageStartingWith("SWITCHBOARD_INCOMING_CALL_URL: ");
    }

    @Test
    void choosesTheSpeechEnginesAndRefusesOneItDoesNotKnow() {
        AppConfig installed = AppConfig.fromSettings(Map.of("SWITCHBOARD_SPEECH_ENGINE", "espeak-ng",
                "SWITCHBOARD_SPEECH_VOICE", "en-gb", "SWITCHBOARD_RECOGNITION_ENGINE", "pocketsphinx"));

        assertThat(installed.engines()).isEqualTo(new EngineSettings("espeak-ng", "en-gb", "pocketsphinx"));
        assertThat(AppConfig.fromSettings(Map.of()).engines())
                .isEqualTo(new EngineSettings("freetts", "en-us", "sphinx4"));
        assertThatThrownBy(() -> AppConfig.fromSettings(Map.of("SWITCHBOARD_RECOGNITION_ENGINE", "kaldi")))
                .hasMessage("SWITCHBOARD_RECOGNITION_ENGINE: kaldi (expected: sphinx4 or pocketsphinx)");
    }

    @Test
    void readsTheOutboundNetworksAndRefusesAName() {
        assertThat(AppConfig.fromSettings(Map.of()).outbound()).isEqualTo(OutboundPolicy.LOOPBACK);
        assertThatThrownBy(() -> AppConfig.fromSettings(Map.of("SWITCHBOARD_OUTBOUND_ALLOW", "10.0.0.0/8,lan")))
                .hasMessage("SWITCHBOARD_OUTBOUND_ALLOW: lan (expected: a network such as 10.0.0.0/8 or fd00::/8, "
                        + "or an address)");
    }

    @Test
    void refusesABadRingTimeoutNamingTheSetting() {
        assertThatThrownBy(() -> AppConfig.fromSettings(Map.of("SWITCHBOARD_RING_TIMEOUT_SECONDS", "soon")))
                .hasMessageStartingWith("SWITCHBOARD_RING_TIMEOUT_SECONDS: ")
                .hasMessageContaining("a whole number of seconds > 0");
    }

    @Test
    void runsAPacerPerCoreWhenTheyAskForRealTimeSchedulingElseHalfTheCores() {
        int cores = Math.min(64, Runtime.getRuntime().availableProcessors());

        assertThat(AppConfig.fromSettings(Map.of()).rtp().pacerThreads()).isEqualTo(cores);
        assertThat(AppConfig.fromSettings(Map.of()).rtp().realtimePacers()).isTrue();
        MediaConfig normal = AppConfig.fromSettings(Map.of("SWITCHBOARD_RTP_PACER_PRIORITY", "normal")).rtp();
        assertThat(normal.pacerThreads()).isEqualTo(Math.max(1, cores / 2));
        assertThat(normal.realtimePacers()).isFalse();
        assertThatThrownBy(() -> AppConfig.fromSettings(Map.of("SWITCHBOARD_RTP_PACER_PRIORITY", "high")))
                .hasMessage("SWITCHBOARD_RTP_PACER_PRIORITY: high (expected: realtime or normal)");
    }

    @Test
    void namesTheSettingAMediaOrSipValueCameFrom() {
        assertThatThrownBy(() -> AppConfig.fromSettings(Map.of("SWITCHBOARD_RTP_PACER_THREADS", "100")))
                .hasMessage("SWITCHBOARD_RTP_PACER_THREADS: 100 (expected: 1-64)");
        assertThatThrownBy(() -> AppConfig.fromSettings(Map.of("SWITCHBOARD_RTP_PORTS", "20001-20010")))
                .hasMessageStartingWith("SWITCHBOARD_RTP_PORTS: portMin: 20001");
        assertThatThrownBy(() -> AppConfig.fromSettings(Map.of("SWITCHBOARD_SIP_T1_MILLIS", "-5")))
                .hasMessage("SWITCHBOARD_SIP_T1_MILLIS: -5 (expected: a whole number of milliseconds > 0)");
        assertThatThrownBy(() -> AppConfig.fromSettings(Map.of("SWITCHBOARD_MEDIA_TIMEOUT_SECONDS", "-1")))
                .hasMessage("SWITCHBOARD_MEDIA_TIMEOUT_SECONDS: -1 (expected: a whole number of seconds > 0)");
        assertThatThrownBy(() -> AppConfig.fromSettings(Map.of("SWITCHBOARD_SIP_MAX_RINGING", "many")))
                .hasMessageStartingWith("SWITCHBOARD_SIP_MAX_RINGING: many");
    }

    @Test
    void readsTheLogFormatAndLevel() {
        assertThat(AppConfig.fromSettings(Map.of()).logging()).isEqualTo(LogSettings.DEFAULTS);
        assertThat(AppConfig.fromSettings(Map.of("SWITCHBOARD_LOG_FORMAT", "json", "SWITCHBOARD_LOG_LEVEL", "DEBUG"))
                .logging()).isEqualTo(new LogSettings(true, "debug"));
        assertThatThrownBy(() -> AppConfig.fromSettings(Map.of("SWITCHBOARD_LOG_LEVEL", "loud")))
                .hasMessage("SWITCHBOARD_LOG_LEVEL: loud (expected: error, warning, info or debug)");
        assertThatThrownBy(() -> AppConfig.fromSettings(Map.of("SWITCHBOARD_LOG_FORMAT", "xml")))
                .hasMessage("SWITCHBOARD_LOG_FORMAT: xml (expected: text or json)");
    }
}
