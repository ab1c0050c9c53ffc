package io.switchboard.app;

import io.switchboard.adapter.media.RecognitionServiceConfig;
import io.switchboard.adapter.media.SpeechServiceConfig;
import io.switchboard.adapter.sip.Advertised;
import io.switchboard.adapter.sip.InboundAllowList;
import io.switchboard.adapter.sip.SipConfig;
import io.switchboard.adapter.sip.SipTrunk;
import io.switchboard.adapter.sip.TcpLimits;
import io.switchboard.adapter.sip.TrunkLimits;
import io.switchboard.application.port.out.OutboundPolicy;
import io.switchboard.rtp.MediaConfig;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads {@link AppConfig}: built-in defaults, overridden by an optional properties file (keys are the environment
 * variable names), overridden by the environment. A bad value stops start with a message naming the setting.
 */
final class AppConfigLoader {

    static final String CONFIG_FILE = "SWITCHBOARD_CONFIG";

    /** Every setting some part of the server reads; any other {@code SWITCHBOARD_*} key is warned about. */
    static final Set<String> KNOWN = Stream.concat(SipConfig.trunkSettings().stream(), Stream.of(CONFIG_FILE,
            "SWITCHBOARD_HTTP_HOST", "SWITCHBOARD_HTTP_PORT", "SWITCHBOARD_ACCESS_KEY", "SWITCHBOARD_DATA_DIR",
            "SWITCHBOARD_PUBLIC_HOST", "SWITCHBOARD_RING_TIMEOUT_SECONDS", "SWITCHBOARD_WEBHOOK_RETRY_SECONDS",
            "SWITCHBOARD_INCOMING_CALL_URL", "SWITCHBOARD_SHUTDOWN_GRACE_SECONDS", "SWITCHBOARD_SIP_ENABLED",
            SipConfig.HOST, SipConfig.PORT, SipConfig.TRUNK, SipConfig.USERS, SipConfig.CALLER_ID, SipConfig.T1,
            SipConfig.MAX_RINGING, SipConfig.PRIORITY, SipConfig.MIN_SESSION, TcpLimits.PER_ADDRESS, TcpLimits.IDLE,
            Advertised.SIP, Advertised.MEDIA, InboundAllowList.SETTING, TrunkLimits.MAX_CALLS, TrunkLimits.PER_SECOND,
            SipTrunk.REGISTER,
            "SWITCHBOARD_LOG_FORMAT", "SWITCHBOARD_LOG_LEVEL",
            "SWITCHBOARD_RTP_PORTS", "SWITCHBOARD_MEDIA_TIMEOUT_SECONDS", "SWITCHBOARD_RTP_PACER_THREADS",
            "SWITCHBOARD_RTP_LEARNING", "SWITCHBOARD_RTP_PACER_PRIORITY",
            "SWITCHBOARD_TLS", "SWITCHBOARD_TLS_CERT", "SWITCHBOARD_TLS_KEY",
            "SWITCHBOARD_SPEECH_ENGINE", "SWITCHBOARD_RECOGNITION_ENGINE",
            "SWITCHBOARD_SPEECH_URL", "SWITCHBOARD_SPEECH_MODEL", "SWITCHBOARD_SPEECH_VOICE",
            "SWITCHBOARD_SPEECH_API_KEY", "SWITCHBOARD_SPEECH_LOCALES", "SWITCHBOARD_SPEECH_TIMEOUT_SECONDS",
            "SWITCHBOARD_RECOGNITION_URL", "SWITCHBOARD_RECOGNITION_MODEL", "SWITCHBOARD_RECOGNITION_API_KEY",
            "SWITCHBOARD_RECOGNITION_LOCALES", "SWITCHBOARD_RECOGNITION_TIMEOUT_SECONDS",
            "SWITCHBOARD_RECORDINGS_DIR", "SWITCHBOARD_RECORDING_RETENTION_DAYS", "SWITCHBOARD_RECORDING_MIN_FREE_MB",
            "SWITCHBOARD_RECORDING_EVENTS_URL", "SWITCHBOARD_TRUSTED_PROXIES", "SWITCHBOARD_OUTBOUND_ALLOW",
            "SWITCHBOARD_JOURNAL", "SWITCHBOARD_JOURNAL_SYNC", "SWITCHBOARD_JOURNAL_PRIORITY",
            "SWITCHBOARD_CALL_RETENTION_HOURS", "SWITCHBOARD_EVENT_RETENTION_HOURS"))
            .collect(Collectors.toUnmodifiableSet());

    private final Map<String, String> values;

    private AppConfigLoader(Map<String, String> values) {
        this.values = values;
    }

    /** Loads from the file named by {@code SWITCHBOARD_CONFIG} (if any) and then the environment. */
    static AppConfig load(Map<String, String> environment) {
        Map<String, String> merged = new HashMap<>();
        String file = environment.get(CONFIG_FILE);
        if (file != null && !file.isBlank()) {
            merged.putAll(readFile(Path.of(file)));
        }
        environment.forEach((k, v) -> {
            if (k.startsWith("SWITCHBOARD_")) {
                merged.put(k, v);
            }
        });
        return new AppConfigLoader(merged).build();
    }

    /**
     * The {@code SWITCHBOARD_*} keys given (in the environment or the file named by {@code SWITCHBOARD_CONFIG}) that
     * no part of the server reads, each as a warning naming the known setting it most resembles: a typo would
     * otherwise leave a default in force without a word.
     */
    static List<String> unknownSettings(Map<String, String> environment) {
        Set<String> given = new TreeSet<>();
        environment.keySet().stream().filter(k -> k.startsWith("SWITCHBOARD_")).forEach(given::add);
        String file = environment.get(CONFIG_FILE);
        if (file != null && !file.isBlank()) {
            given.addAll(readFile(Path.of(file)).keySet());
        }
        return given.stream().filter(key -> !KNOWN.contains(key))
                .map(key -> key + " is not a setting and is ignored (did you mean " + closest(key) + "?)").toList();
    }

    private static String closest(String key) {
        return KNOWN.stream().min(Comparator.comparingInt((String known) -> distance(key, known))
                .thenComparing(Comparator.naturalOrder())).orElseThrow();
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    static AppConfig fromSettings(Map<String, String> settings) {
        return new AppConfigLoader(new HashMap<>(settings)).build();
    }

    private static Map<String, String> readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException(CONFIG_FILE + ": cannot read " + file + " (" + e.getMessage() + ")");
        }
        Map<String, String> result = new HashMap<>();
        properties.stringPropertyNames().forEach(k -> result.put(k, properties.getProperty(k).trim()));
        return result;
    }

    private AppConfig build() {
        int[] rtpPorts = portRange("SWITCHBOARD_RTP_PORTS", "10000-29999");
        SipConfig sip = SipConfig.parse(values);
        // real-time by default: set-up work and a busy machine then no longer delay the packets (bench/sip: whole-run
        // p99 23 ms instead of 35-60 during a 100/s ramp); refused without the right, and then only logged
        boolean realtime = choice("SWITCHBOARD_RTP_PACER_PRIORITY", "realtime", "normal").equals("realtime");
        // real-time pacers: one per core, as nothing delays them and each slot's work is then shorter (bench/sip, 2,000
        // calls on 2 cores: p99 21.9 ms with two, 25.4 with one); ordinary ones: half the cores, the other half left
        // to signalling, HTTP and the OS, which kept the packet timing steadier than a pacer per core
        int cores = Math.min(64, Runtime.getRuntime().availableProcessors());
        int pacers = integer("SWITCHBOARD_RTP_PACER_THREADS", realtime ? cores : Math.max(1, cores / 2),
                "a number of threads from 1 to 64");
        Duration mediaTimeout = seconds("SWITCHBOARD_MEDIA_TIMEOUT_SECONDS", 60);
        boolean learning = bool("SWITCHBOARD_RTP_LEARNING", true);
        MediaConfig rtp;
        try {
            rtp = new MediaConfig(sip.host(), rtpPorts[0], rtpPorts[1], pacers, mediaTimeout, learning, realtime);
        } catch (IllegalArgumentException e) {
            throw mediaSetting(e.getMessage());
        }
        return new AppConfig(
                text("SWITCHBOARD_HTTP_HOST", "127.0.0.1"),
                port("SWITCHBOARD_HTTP_PORT", 8080),
                optional("SWITCHBOARD_ACCESS_KEY").map(AppConfigLoader::base64Key),
                Path.of(text("SWITCHBOARD_DATA_DIR", "data")),
                optional("SWITCHBOARD_PUBLIC_HOST"),
                seconds("SWITCHBOARD_RING_TIMEOUT_SECONDS", 30),
                seconds("SWITCHBOARD_WEBHOOK_RETRY_SECONDS", 3600),
                bool("SWITCHBOARD_SIP_ENABLED", true),
                sip,
                rtp,
                seconds("SWITCHBOARD_SHUTDOWN_GRACE_SECONDS", 10),
                optional("SWITCHBOARD_INCOMING_CALL_URL").map(url -> httpUri("SWITCHBOARD_INCOMING_CALL_URL", url,
                        "http://127.0.0.1:3000/incoming")),
                new EngineSettings(choice("SWITCHBOARD_SPEECH_ENGINE", "freetts", "espeak-ng"),
                        text("SWITCHBOARD_SPEECH_VOICE", "en-us"),
                        choice("SWITCHBOARD_RECOGNITION_ENGINE", "sphinx4", "pocketsphinx")),
                speechService(),
                recognitionService(),
                tls(),
                recordings(),
                trustedProxies(),
                outbound(),
                new LogSettings(choice("SWITCHBOARD_LOG_FORMAT", "text", "json").equals("json"),
                        text("SWITCHBOARD_LOG_LEVEL", "info")),
                journal());
    }

    /**
     * {@code SWITCHBOARD_JOURNAL}: the journal file ({@code journal.db} in the data directory by default), or
     * {@code memory} for tests and benchmarks; {@code SWITCHBOARD_JOURNAL_SYNC}, {@code SWITCHBOARD_JOURNAL_PRIORITY}
     * ({@code raised} or {@code normal}) and the retentions.
     */
    private JournalSettings journal() {
        String where = text("SWITCHBOARD_JOURNAL", Path.of(text("SWITCHBOARD_DATA_DIR", "data"), "journal.db")
                .toString());
        Optional<Path> file = where.equals("memory") ? Optional.empty() : Optional.of(Path.of(where));
        boolean full = choice("SWITCHBOARD_JOURNAL_SYNC", "normal", "full").equals("full");
        return new JournalSettings(file, full,
                Duration.ofHours(integer("SWITCHBOARD_CALL_RETENTION_HOURS", 24, "a number of hours from 1 to 87600",
                        1, 87_600)),
                Duration.ofHours(integer("SWITCHBOARD_EVENT_RETENTION_HOURS", 72,
                        "a number of hours from 1 to 87600", 1, 87_600)),
                choice("SWITCHBOARD_JOURNAL_PRIORITY", "raised", "normal").equals("raised"));
    }

    /** {@code SWITCHBOARD_OUTBOUND_ALLOW}: the networks allowed besides public addresses (default: loopback). */
    private OutboundPolicy outbound() {
        try {
            return OutboundPolicy.of(text("SWITCHBOARD_OUTBOUND_ALLOW", "127.0.0.0/8,::1"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SWITCHBOARD_OUTBOUND_ALLOW: " + e.getMessage());
        }
    }

    /** {@code SWITCHBOARD_TRUSTED_PROXIES}: comma-separated IP addresses. */
    private Set<String> trustedProxies() {
        Set<String> proxies = new TreeSet<>();
        for (String proxy : text("SWITCHBOARD_TRUSTED_PROXIES", "").split(",")) {
            String address = proxy.trim();
            if (address.isEmpty()) {
                continue;
            }
            if (!address.matches("[0-9.]+|[0-9A-Fa-f:]+")) {
                throw invalid("SWITCHBOARD_TRUSTED_PROXIES", address, "IP addresses separated by commas, e.g. "
                        + "10.0.0.5,10.0.0.6");
            }
            proxies.add(address);
        }
        return proxies;
    }

    /** Recordings go to the data directory unless told otherwise; their events where incoming calls go. */
    private RecordingSettings recordings() {
        Path directory = Path.of(optional("SWITCHBOARD_RECORDINGS_DIR")
                .orElseGet(() -> Path.of(text("SWITCHBOARD_DATA_DIR", "data"), "recordings").toString()));
        Optional<URI> events = optional("SWITCHBOARD_RECORDING_EVENTS_URL")
                .or(() -> optional("SWITCHBOARD_INCOMING_CALL_URL"))
                .map(url -> httpUri("SWITCHBOARD_RECORDING_EVENTS_URL", url, "http://127.0.0.1:3000/recordings"));
        return new RecordingSettings(directory,
                Duration.ofDays(integer("SWITCHBOARD_RECORDING_RETENTION_DAYS", 30, "a number of days from 1 to 36500",
                        1, 36_500)),
                integer("SWITCHBOARD_RECORDING_MIN_FREE_MB", 500, "a number of MiB from 0 to 10000000", 0,
                        10_000_000) * 1024L * 1024L,
                events);
    }

    /**
     * https with the operator's PEM certificate and key ({@code SWITCHBOARD_TLS_CERT}, {@code SWITCHBOARD_TLS_KEY}),
     * or with a self-signed certificate for development ({@code SWITCHBOARD_TLS=self-signed}); else plain http.
     */
    private Optional<TlsSettings> tls() {
        Optional<String> cert = optional("SWITCHBOARD_TLS_CERT");
        Optional<String> key = optional("SWITCHBOARD_TLS_KEY");
        if (cert.isPresent() || key.isPresent()) {
            return Optional.of(new TlsSettings(Optional.of(readable("SWITCHBOARD_TLS_CERT", cert)),
                    Optional.of(readable("SWITCHBOARD_TLS_KEY", key))));
        }
        String mode = text("SWITCHBOARD_TLS", "off");
        return switch (mode) {
            case "off" -> Optional.empty();
            case "self-signed" -> Optional.of(TlsSettings.selfSigned());
            default -> throw invalid("SWITCHBOARD_TLS", mode, "off or self-signed (or set SWITCHBOARD_TLS_CERT and "
                    + "SWITCHBOARD_TLS_KEY)");
        };
    }

    private static Path readable(String name, Optional<String> value) {
        String path = value.orElseThrow(() -> invalid(name, "", "a PEM file, set together with "
                + (name.endsWith("CERT") ? "SWITCHBOARD_TLS_KEY" : "SWITCHBOARD_TLS_CERT")));
        if (!Files.isReadable(Path.of(path))) {
            throw invalid(name, path, "a readable PEM file");
        }
        return Path.of(path);
    }

    /** The media engine's refusal, naming the setting its field came from. */
    private static IllegalArgumentException mediaSetting(String message) {
        String field = message.substring(0, Math.max(0, message.indexOf(": ")));
        String setting = switch (field) {
            case "pacerThreads" -> "SWITCHBOARD_RTP_PACER_THREADS";
            case "mediaTimeout" -> "SWITCHBOARD_MEDIA_TIMEOUT_SECONDS";
            case "bindHost" -> "SWITCHBOARD_SIP_HOST";
            default -> "SWITCHBOARD_RTP_PORTS";
        };
        return new IllegalArgumentException(setting + ": " + (setting.equals("SWITCHBOARD_RTP_PORTS") ? message
                : message.substring(message.indexOf(": ") + 2)));
    }

    /** The remote speech service, when {@code SWITCHBOARD_SPEECH_URL} names one; else the embedded engine speaks. */
    private Optional<SpeechServiceConfig> speechService() {
        return optional("SWITCHBOARD_SPEECH_URL").map(url -> new SpeechServiceConfig(
                httpUri("SWITCHBOARD_SPEECH_URL", url, "http://127.0.0.1:8000"),
                text("SWITCHBOARD_SPEECH_MODEL", "tts-1"),
                text("SWITCHBOARD_SPEECH_VOICE", "alloy"),
                optional("SWITCHBOARD_SPEECH_API_KEY"),
                locales("SWITCHBOARD_SPEECH_LOCALES", "en-US"),
                seconds("SWITCHBOARD_SPEECH_TIMEOUT_SECONDS", 10),
                64L * 1024 * 1024));
    }

    /**
     * The remote recognition service, when {@code SWITCHBOARD_RECOGNITION_URL} names one; else the embedded engine
     * listens.
     */
    private Optional<RecognitionServiceConfig> recognitionService() {
        return optional("SWITCHBOARD_RECOGNITION_URL").map(url -> new RecognitionServiceConfig(
                httpUri("SWITCHBOARD_RECOGNITION_URL", url, "http://127.0.0.1:8000"),
                text("SWITCHBOARD_RECOGNITION_MODEL", "whisper-1"),
                optional("SWITCHBOARD_RECOGNITION_API_KEY"),
                locales("SWITCHBOARD_RECOGNITION_LOCALES", "en-US"),
                seconds("SWITCHBOARD_RECOGNITION_TIMEOUT_SECONDS", 10)));
    }

    private Set<String> locales(String name, String fallback) {
        String value = text(name, fallback);
        Set<String> locales = new LinkedHashSet<>();
        for (String locale : value.split(",")) {
            String tag = locale.trim();
            if (!tag.matches("[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*")) {
                throw invalid(name, value, "BCP 47 tags separated by commas, e.g. en-US,de-DE");
            }
            locales.add(tag);
        }
        return locales;
    }

    private static URI httpUri(String name, String value, String example) {
        String expected = "an absolute http or https URL, e.g. " + example;
        try {
            URI uri = new URI(value);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw invalid(name, value, expected);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw invalid(name, value, expected);
        }
    }

    /** One of the values given, the first being the default; anything else is refused naming them. */
    private String choice(String name, String... allowed) {
        String value = text(name, allowed[0]);
        if (!java.util.Arrays.asList(allowed).contains(value)) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: " + String.join(" or ", allowed)
                    + ")");
        }
        return value;
    }

    private Optional<String> optional(String name) {
        return Optional.ofNullable(values.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private String text(String name, String fallback) {
        return optional(name).orElse(fallback);
    }

    private int port(String name, int fallback) {
        int port = integer(name, fallback, "a port number 0-65535");
        if (port < 0 || port > 65535) {
            throw invalid(name, String.valueOf(port), "a port number 0-65535");
        }
        return port;
    }

    private Duration seconds(String name, int fallback) {
        int seconds = integer(name, fallback, "a whole number of seconds > 0");
        if (seconds <= 0) {
            throw invalid(name, String.valueOf(seconds), "a whole number of seconds > 0");
        }
        return Duration.ofSeconds(seconds);
    }

    private int integer(String name, int fallback, String expected, int min, int max) {
        int value = integer(name, fallback, expected);
        if (value < min || value > max) {
            throw invalid(name, String.valueOf(value), expected);
        }
        return value;
    }

    private int integer(String name, int fallback, String expected) {
        Optional<String> value = optional(name);
        try {
            return value.map(Integer::parseInt).orElse(fallback);
        } catch (NumberFormatException e) {
            throw invalid(name, value.get(), expected);
        }
    }

    private boolean bool(String name, boolean fallback) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return fallback;
        }
        return switch (value.get().toLowerCase()) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw invalid(name, value.get(), "true or false");
        };
    }

    private int[] portRange(String name, String fallback) {
        String value = text(name, fallback);
        String expected = "MIN-MAX with 1024 <= MIN < MAX <= 65535, e.g. 10000-29999";
        String[] parts = value.split("-");
        try {
            int min = Integer.parseInt(parts[0].trim());
            int max = Integer.parseInt(parts[1].trim());
            if (parts.length != 2 || min < 1024 || max > 65535 || min >= max) {
                throw invalid(name, value, expected);
            }
            return new int[] {min, max};
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw invalid(name, value, expected);
        }
    }

    private static String base64Key(String key) {
        try {
            if (Base64.getDecoder().decode(key).length < 16) {
                throw invalid("SWITCHBOARD_ACCESS_KEY", "(hidden)", "base64 of at least 16 bytes");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw invalid("SWITCHBOARD_ACCESS_KEY", "(hidden)", "base64 of at least 16 bytes");
        }
    }

    private static IllegalArgumentException invalid(String name, String value, String expected) {
        return new IllegalArgumentException(name + ": " + value + " (expected: " + expected + ")");
    }
}
