package io.switchboard.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The settings an operator can give: all of them documented, typos warned about, the example file in step. */
class SettingsTest {

    private static final Pattern KEY = Pattern.compile("(SWITCHBOARD_[A-Z0-9_]+)");
    private static final Path ROOT = Path.of("..");
    /** Trunks 2 to 9 have trunk 1's settings under their number: documented once, as a pattern. */
    private static final Pattern NUMBERED_TRUNK = Pattern.compile("SWITCHBOARD_SIP_TRUNK_[2-9](_[A-Z_]+)?");

    @Test
    void warnsAboutUnknownKeysNamingTheSettingMeant(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("switchboard.properties");
        Files.writeString(file, "SWITCHBOARD_HTTP_PROT=9090\nSWITCHBOARD_SIP_PORT=5070\n");
        Map<String, String> environment = new HashMap<>();
        environment.put("SWITCHBOARD_SIP_TRUNC", "sip:127.0.0.1:5080");
        environment.put("SWITCHBOARD_RTP_PORTS", "30000-30099");
        environment.put("SWITCHBOARD_CONFIG", file.toString());
        environment.put("PATH", "/usr/bin");

        assertThat(AppConfigLoader.unknownSettings(environment)).containsExactly(
                "SWITCHBOARD_HTTP_PROT is not a setting and is ignored (did you mean SWITCHBOARD_HTTP_PORT?)",
                "SWITCHBOARD_SIP_TRUNC is not a setting and is ignored (did you mean SWITCHBOARD_SIP_TRUNK?)");
        assertThat(AppConfigLoader.unknownSettings(Map.of("SWITCHBOARD_HTTP_PORT", "80"))).isEmpty();
    }

    @Test
    void theReadmeDocumentsEverySettingAndNoOther() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String table = readme.substring(readme.indexOf("## Settings"), readme.indexOf("## Layout"));
        Set<String> documented = new TreeSet<>();
        for (String line : table.split("\n")) {
            if (line.startsWith("| `SWITCHBOARD_")) {
                documented.addAll(keys(line.substring(0, line.indexOf(" | ", 2))));
            }
        }
        documented.add(AppConfigLoader.CONFIG_FILE); // explained above the table

        assertThat(documented).contains("SWITCHBOARD_SIP_TRUNK_2");
        assertThat(unnumbered(documented)).containsExactlyInAnyOrderElementsOf(unnumbered(AppConfigLoader.KNOWN));
    }

    @Test
    void theExampleFileListsEverySettingAndLoadsWithItsValuesSet() throws Exception {
        Path example = ROOT.resolve("switchboard.example.properties");
        String text = Files.readString(example);
        Set<String> listed = new TreeSet<>();
        Map<String, String> uncommented = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher setting = Pattern.compile("^#(SWITCHBOARD_[A-Z0-9_]+)=(.*)$").matcher(line);
            if (setting.matches()) {
                listed.add(setting.group(1));
                uncommented.put(setting.group(1), setting.group(2));
            }
        }
        Set<String> expected = new TreeSet<>(AppConfigLoader.KNOWN);
        expected.remove(AppConfigLoader.CONFIG_FILE);

        assertThat(unnumbered(listed)).containsExactlyInAnyOrderElementsOf(unnumbered(expected));
        // the example values, defaults or samples, all make a valid configuration (the PEM files aside: they do
        // not exist here, and TLS off wins only without them)
        uncommented.remove("SWITCHBOARD_TLS_CERT");
        uncommented.remove("SWITCHBOARD_TLS_KEY");
        uncommented.values().removeIf(String::isEmpty);
        AppConfig config = AppConfig.fromSettings(uncommented);
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.recordings().retention()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void answersVersionAndHelpAndRefusesOtherArguments() {
        assertThat(Version.current()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(Main.help()).contains(Version.current()).contains("SWITCHBOARD_CONFIG")
                .contains(AppConfigLoader.KNOWN);
        assertThat(Main.answer("--version")).isZero();
        assertThat(Main.answer("--bogus")).isEqualTo(2);
    }

    private static Set<String> unnumbered(Set<String> keys) {
        return keys.stream().filter(key -> !NUMBERED_TRUNK.matcher(key).matches())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> keys(String text) {
        Set<String> keys = new TreeSet<>();
        Matcher matcher = KEY.matcher(text);
        while (matcher.find()) {
            keys.add(matcher.group(1));
        }
        return keys;
    }
}
