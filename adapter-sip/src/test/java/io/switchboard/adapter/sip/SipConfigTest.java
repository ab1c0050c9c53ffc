package io.switchboard.adapter.sip;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
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
        SipConfig config = SipConfig.parse(settings(
                SipConfig.HOST, "127.0.0.2",
                SipConfig.PORT, "5070",
                SipConfig.TRUNK, "sip:user:secret@10.0.0.5:5080;transport=udp",
                SipConfig.USERS, "8:acs:a_1=sip:alice@127.0.0.1:5062, 8:acs:b_2=sip:bob@127.0.0.1",
                SipConfig.CALLER_ID, "+14255550100",
                SipConfig.T1, "100",
                SipConfig.MAX_RINGING, "50",
                TcpLimits.PER_ADDRESS, "4",
                TcpLimits.IDLE, "30",
                Advertised.SIP, "203.0.113.10",
                InboundAllowList.SETTING, "10.0.0.0/8, 192.0.2.7",
                TrunkLimits.MAX_CALLS, "30",
                TrunkLimits.PER_SECOND, "10",
                SipTrunk.REGISTER, "600",
                SipTrunk.OPTIONS, "30",
                SipConfig.PRIORITY, "normal",
                SipConfig.MIN_SESSION, "1800"));

        // then
        assertThat(config).isEqualTo(new SipConfig("127.0.0.2", 5070,
                Optional.of(new SipTrunk("10.0.0.5", 5080, Optional.of("user"), Optional.of("secret"),
                        SipTransport.UDP, new TrunkLimits(30, 10), Duration.ofSeconds(600), "1", List.of(),
                        Duration.ofSeconds(30))),
                Map.of("8:acs:a_1", "sip:alice@127.0.0.1:5062", "8:acs:b_2", "sip:bob@127.0.0.1"),
                "+14255550100", Duration.ofMillis(100), 50, new TcpLimits(4, Duration.ofSeconds(30)),
                new Advertised(Optional.of("203.0.113.10"), Optional.empty()),
                InboundAllowList.parse("10.0.0.0/8,192.0.2.7"), List.of(), false, 1800));
        assertThat(config.advertised().mediaAddress(config.host())).isEqualTo("203.0.113.10");
        assertThat(config.userUri("8:acs:b_2").port()).isEqualTo(5060);
        assertThat(config.trunk().orElseThrow().toString()).doesNotContain("secret");
    }

    @Test
    void readsMoreTrunksWithTheirPrefixesLimitsAndRegistrationEachNamedInErrors() {
        // when
        SipConfig config = SipConfig.parse(Map.of(
                SipConfig.TRUNK, "sip:10.0.0.5:5080",
                SipTrunk.PREFIXES, "+1, +1425",
                "SWITCHBOARD_SIP_TRUNK_2", "sip:u:p@10.0.0.6:5090;transport=tcp",
                "SWITCHBOARD_SIP_TRUNK_2_CPS", "5",
                "SWITCHBOARD_SIP_TRUNK_2_REGISTER_SECONDS", "300",
                "SWITCHBOARD_SIP_TRUNK_2_OPTIONS_SECONDS", "30",
                "SWITCHBOARD_SIP_TRUNK_4", "sip:10.0.0.7"));

        // then
        assertThat(config.trunks()).extracting(SipTrunk::name).containsExactly("1", "2", "4");
        assertThat(config.trunks().get(0).prefixes()).containsExactly("+1", "+1425");
        assertThat(config.trunks().get(1).limits()).isEqualTo(new TrunkLimits(0, 5));
        assertThat(config.trunks().get(1).register()).isEqualTo(Duration.ofSeconds(300));
        assertThat(config.trunks().get(1).options()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.trunks().get(0).options()).isZero();
        assertThat(config.trunks().get(1).transport()).isEqualTo(SipTransport.TCP);
        assertThat(config.trunks().get(2).prefixes()).isEmpty();
        assertThat(SipConfig.trunkSettings()).contains("SWITCHBOARD_SIP_TRUNK_9_PREFIXES", SipTrunk.PREFIXES);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SipConfig.parse(Map.of(
                        "SWITCHBOARD_SIP_TRUNK_3", "sip:10.0.0.8", "SWITCHBOARD_SIP_TRUNK_3_MAX_CALLS", "-1")))
                .hasMessageStartingWith("SWITCHBOARD_SIP_TRUNK_3_MAX_CALLS: -1 (expected:");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SipConfig.parse(Map.of(
                        "SWITCHBOARD_SIP_TRUNK_3", "sip:10.0.0.8", "SWITCHBOARD_SIP_TRUNK_3_PREFIXES", "44")))
                .hasMessageStartingWith("SWITCHBOARD_SIP_TRUNK_3_PREFIXES: 44 (expected: comma-separated E.164");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SipConfig.parse(Map.of(
                        "SWITCHBOARD_SIP_TRUNK_2", "sips:10.0.0.8")))
                .hasMessageStartingWith("SWITCHBOARD_SIP_TRUNK_2: sips:10.0.0.8 (expected:");
    }

    @Test
    void raisesTheSignallingThreadUnlessAskedNotToAndRefusesAnyOtherWord() {
        assertThat(SipConfig.parse(Map.of()).raisedSignalling()).isTrue();
        assertThat(SipConfig.parse(Map.of(SipConfig.PRIORITY, "raised")).raisedSignalling()).isTrue();
        assertThatThrownBy(() -> SipConfig.parse(Map.of(SipConfig.PRIORITY, "realtime")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SWITCHBOARD_SIP_PRIORITY: realtime (expected: raised or normal)");
    }

    @Test
    void grantsSessionTimersOf90SecondsAndMoreUnlessSetHigherAndRefusesShorterOnes() {
        assertThat(SipConfig.parse(Map.of()).sessionMinimum()).isEqualTo(90);
        assertThat(SipConfig.parse(Map.of(SipConfig.MIN_SESSION, "86400")).sessionMinimum()).isEqualTo(86_400);
        assertThatThrownBy(() -> SipConfig.parse(Map.of(SipConfig.MIN_SESSION, "60")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SWITCHBOARD_SIP_MIN_SESSION_SECONDS: 60 (expected: seconds in 90-86400, e.g. 1800)");
        assertThatThrownBy(() -> SipConfig.parse(Map.of(SipConfig.MIN_SESSION, "86401")))
                .hasMessage("SWITCHBOARD_SIP_MIN_SESSION_SECONDS: 86401 (expected: seconds in 90-86400, e.g. 90)");
    }

    @Test
    void refusesAnOptionsIntervalOutOfRangeNamingTheTrunksSetting() {
        assertThatThrownBy(() -> SipConfig.parse(Map.of(SipConfig.TRUNK, "sip:10.0.0.5",
                "SWITCHBOARD_SIP_TRUNK_2", "sip:10.0.0.6", "SWITCHBOARD_SIP_TRUNK_2_OPTIONS_SECONDS", "7200")))
                .hasMessage("SWITCHBOARD_SIP_TRUNK_2_OPTIONS_SECONDS: 7200 (expected: 0 not to ask, or the seconds "
                        + "between OPTIONS up to 3600, e.g. 30)");
        assertThatThrownBy(() -> SipConfig.parse(Map.of(SipConfig.TRUNK, "sip:10.0.0.5", SipTrunk.OPTIONS, "often")))
                .hasMessage("SWITCHBOARD_SIP_TRUNK_OPTIONS_SECONDS: often (expected: an integer, e.g. 30)");
    }

    @Test
    void refusesACapOnRingingCallsOutOfRangeNamingTheSetting() {
        assertThat(SipConfig.defaults().maxRinging()).isEqualTo(SipConfig.DEFAULT_MAX_RINGING);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SipConfig.parse(Map.of(SipConfig.MAX_RINGING, "0")))
                .hasMessage("SWITCHBOARD_SIP_MAX_RINGING: 0 (expected: 1-100000, e.g. 1000)");
    }

    @Test
    void refusesTcpLimitsOutOfRangeNamingTheSetting() {
        assertThat(SipConfig.defaults().tcp()).isEqualTo(new TcpLimits(32, Duration.ofSeconds(120)));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SipConfig.parse(Map.of(TcpLimits.PER_ADDRESS, "0")))
                .hasMessage("SWITCHBOARD_SIP_TCP_PER_ADDRESS: 0 (expected: 1-256, e.g. 32)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SipConfig.parse(Map.of(TcpLimits.IDLE, "-5")))
                .hasMessage("SWITCHBOARD_SIP_TCP_IDLE_SECONDS: -5 (expected: a whole number of seconds in 1-86400, "
                        + "e.g. 120)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SipConfig.parse(Map.of(TcpLimits.IDLE, "soon")))
                .hasMessage("SWITCHBOARD_SIP_TCP_IDLE_SECONDS: soon (expected: an integer, e.g. 120)");
    }

    @Test
    void refusesAPublicAddressThatIsNotAnIpv4AddressNamingTheSetting() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SipConfig.parse(Map.of(Advertised.SIP,
                        "sip.example.com")))
                .hasMessage("SWITCHBOARD_SIP_PUBLIC_HOST: sip.example.com (expected: the public IPv4 address peers "
                        + "reach this server at, e.g. 203.0.113.10)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SipConfig.parse(Map.of(Advertised.MEDIA,
                        "0.0.0.0")))
                .hasMessageStartingWith("SWITCHBOARD_RTP_PUBLIC_HOST: 0.0.0.0 (expected:");
        assertThat(SipConfig.defaults().advertised().sipAddress("127.0.0.1")).isEqualTo("127.0.0.1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SipConfig.parse(Map.of(InboundAllowList.SETTING,
                        "10.0.0.0/8,carrier.example")))
                .hasMessage("SWITCHBOARD_SIP_INBOUND_ALLOW: carrier.example (expected: a network such as 10.0.0.0/8 "
                        + "or fd00::/8, or an address)");
    }

    @Test
    void refusesTrunkLimitsOutOfRangeNamingTheSetting() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SipConfig.parse(Map.of(SipConfig.TRUNK,
                        "sip:127.0.0.1:5080", TrunkLimits.PER_SECOND, "-1")))
                .hasMessage("SWITCHBOARD_SIP_TRUNK_CPS: -1 (expected: 0 for no limit, or the carrier's calls per "
                        + "second, e.g. 10)");
        assertThat(SipConfig.parse(Map.of(SipConfig.TRUNK, "sip:127.0.0.1:5080")).trunk().orElseThrow().limits())
                .isEqualTo(TrunkLimits.NONE);
    }

    @Test
    void parsesATrunkWithoutCredentials() {
        assertThat(SipTrunk.parse("sip:127.0.0.1:5080"))
                .isEqualTo(new SipTrunk("127.0.0.1", 5080, Optional.empty(), Optional.empty(), SipTransport.UDP));
    }

    @Test
    void parsesTcpTrunksAndUsers() {
        // when
        SipConfig config = SipConfig.parse(Map.of(
                SipConfig.TRUNK, "sip:user:pw@carrier.example:5060;transport=TCP",
                SipConfig.USERS, "8:acs:alice=sip:alice@10.0.0.5:5062;transport=tcp,8:acs:bob=sip:bob@10.0.0.6"));

        // then
        assertThat(config.trunk()).contains(new SipTrunk("carrier.example", 5060, Optional.of("user"),
                Optional.of("pw"), SipTransport.TCP));
        assertThat(config.trunk().orElseThrow().toString())
                .isEqualTo("sip:user:***@carrier.example:5060;transport=tcp");
        assertThat(config.userUri("8:acs:alice").transport()).isEqualTo(SipTransport.TCP);
        assertThat(config.userUri("8:acs:alice").toString()).isEqualTo("sip:alice@10.0.0.5:5062;transport=tcp");
        assertThat(config.userUri("8:acs:bob").transport()).isEqualTo(SipTransport.UDP);
        assertThat(config.userUri("8:acs:bob").toString()).isEqualTo("sip:bob@10.0.0.6:5060");
    }

    @Test
    void refusesTlsAsNotSupported() {
        assertThatThrownBy(() -> SipConfig.parse(Map.of(SipConfig.TRUNK, "sip:carrier.example:5061;transport=tls")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SWITCHBOARD_SIP_TRUNK: sip:carrier.example:5061;transport=tls (expected: transport=udp "
                        + "or transport=tcp; TLS is not supported)");
        assertThatThrownBy(() -> SipConfig.parse(Map.of(SipConfig.TRUNK, "sips:carrier.example:5061")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("SWITCHBOARD_SIP_TRUNK: sips:carrier.example:5061 (expected: a sip: URI")
                .hasMessageEndingWith("; TLS is not supported)");
        assertThatThrownBy(() -> SipConfig.parse(Map.of(SipConfig.USERS, "8:acs:a=sip:alice@10.0.0.5;transport=tls")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SWITCHBOARD_SIP_USERS: sip:alice@10.0.0.5;transport=tls (expected: transport=udp or "
                        + "transport=tcp; TLS is not supported)");
        assertThatThrownBy(() -> SipConfig.parse(Map.of(SipConfig.USERS, "8:acs:a=sips:alice@10.0.0.5")))
                .hasMessageStartingWith("SWITCHBOARD_SIP_USERS: sips:alice@10.0.0.5 (expected: a sip: URI");
    }

    @Test
    void namesTheSettingAndTheExpectedFormInErrors() {
        assertThatThrownBy(() -> SipConfig.parse(Map.of(SipConfig.TRUNK, "http://example.com")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("SWITCHBOARD_SIP_TRUNK: http://example.com (expected: sip:");
        assertThatThrownBy(() -> SipConfig.parse(Map.of(SipConfig.TRUNK, "sip:10.0.0.5;transport=sctp")))
                .hasMessage("SWITCHBOARD_SIP_TRUNK: sip:10.0.0.5;transport=sctp (expected: transport=udp or "
                        + "transport=tcp)");
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

    private static Map<String, String> settings(String... namesAndValues) {
        Map<String, String> settings = new java.util.HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            settings.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return settings;
    }
}
