package io.switchboard.adapter.sip;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SipConfigTest {

    @Test
    void usesDefaultsForAbsentSettings() {
        assertThat(SipConfig.parse(Map.of())).isEqualTo(SipConfig.defaults());
        assertThat(SipConfig.defaults().port()).isEqualTo(5060);
    }

    @Test
    void parsesEverySetting() {
        // when
        SipConfig config = SipConfig.parse(Map.of(
                SipConfig.HOST, "127.0.0.2",
                SipConfig.PORT, "5070",
                SipConfig.TRUNK, "sip:user:secret@10.0.0.5:5080;transport=udp",
                SipConfig.USERS, "8:acs:a_1=sip:alice@127.0.0.1:5062, 8:acs:b_2=sip:bob@127.0.0.1",
                SipConfig.CALLER_ID, "+14255550100",
                SipConfig.T1, "100"));

        // then
        assertThat(config).isEqualTo(new SipConfig("127.0.0.2", 5070,
                Optional.of(new SipTrunk("10.0.0.5", 5080, Optional.of("user"), Optional.of("secret"))),
                Map.of("8:acs:a_1", "sip:alice@127.0.0.1:5062", "8:acs:b_2", "sip:bob@127.0.0.1"),
                "+14255550100", Duration.ofMillis(100)));
        assertThat(config.userUri("8:acs:b_2").port()).isEqualTo(5060);
        assertThat(config.trunk().orElseThrow().toString()).doesNotContain("secret");
    }

    @Test
    void parsesATrunkWithoutCredentials() {
        assertThat(SipTrunk.parse("sip:127.0.0.1:5080"))
                .isEqualTo(new SipTrunk("127.0.0.1", 5080, Optional.empty(), Optional.empty()));
    }

    @Test
    void namesTheSettingAndTheExpectedFormInErrors() {
        assertThatThrownBy(() -> SipConfig.parse(Map.of(SipConfig.TRUNK, "http://example.com")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("SWITCHBOARD_SIP_TRUNK: http://example.com (expected: sip:");
        assertThatThrownBy(() -> SipConfig.parse(Map.of(SipConfig.TRUNK, "sip:10.0.0.5;transport=tcp")))
                .hasMessageContaining("SWITCHBOARD_SIP_TRUNK").hasMessageContaining("transport=udp");
        assertThatThrownBy(() -> SipConfig.parse(Map.of(SipConfig.TRUNK, "sip:10.0.0.5:99999")))
                .hasMessageContaining("1-65535");
        assertThatThrownBy(() -> SipConfig.parse(Map.of(SipConfig.USERS, "8:acs:a_1")))
                .hasMessageStartingWith("SWITCHBOARD_SIP_USERS: 8:acs:a_1 (expected: comma-separated");
        assertThatThrownBy(() -> SipConfig.parse(Map.of(SipConfig.USERS, "alice=sip:alice@127.0.0.1")))
                .hasMessageContaining("SWITCHBOARD_SIP_USERS").hasMessageContaining("8:");
        assertThatThrownBy(() -> SipConfig.parse(Map.of(SipConfig.USERS, "8:acs:a=tel:+1425")))
                .hasMessageContaining("SWITCHBOARD_SIP_USERS: tel:+1425");
        assertThatThrownBy(() -> SipConfig.parse(Map.of(SipConfig.PORT, "fifty")))
                .hasMessage("SWITCHBOARD_SIP_PORT: fifty (expected: an integer, e.g. 5060)");
        assertThatThrownBy(() -> SipConfig.parse(Map.of(SipConfig.HOST, "localhost")))
                .hasMessageContaining("SWITCHBOARD_SIP_HOST: localhost (expected: an IPv4 address");
        assertThatThrownBy(() -> SipConfig.parse(Map.of(SipConfig.T1, "0")))
                .hasMessageContaining("SWITCHBOARD_SIP_T1_MILLIS");
    }
}
