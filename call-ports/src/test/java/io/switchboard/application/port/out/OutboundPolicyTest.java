package io.switchboard.application.port.out;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutboundPolicyTest {

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void allowsPublicAddressesAndLoopbackByDefaultAndRefusesTheRest() throws Exception {
        OutboundPolicy policy = OutboundPolicy.LOOPBACK;

        assertThat(policy.refusal(ip("93.184.216.34"))).isEmpty();
        assertThat(policy.refusal(ip("2606:2800:220:1::1"))).isEmpty();
        assertThat(policy.refusal(ip("127.0.0.1"))).isEmpty();
        assertThat(policy.refusal(ip("::1"))).isEmpty();
        assertThat(policy.refusal(ip("169.254.169.254"))).hasValueSatisfying(why ->
                assertThat(why).isEqualTo("169.254.169.254 is a link-local or cloud metadata address, which this "
                        + "server does not send requests to (SWITCHBOARD_OUTBOUND_ALLOW)"));
        assertThat(policy.refusal(ip("fd00:ec2::254"))).isPresent();
        assertThat(policy.refusal(ip("10.1.2.3"))).hasValueSatisfying(why -> assertThat(why).contains("private"));
        assertThat(policy.refusal(ip("172.16.0.1"))).isPresent();
        assertThat(policy.refusal(ip("192.168.1.1"))).isPresent();
        assertThat(policy.refusal(ip("fc00::1"))).isPresent();
        assertThat(policy.refusal(ip("100.64.0.1"))).isPresent();
        assertThat(policy.refusal(ip("0.0.0.0"))).isPresent();
        assertThat(policy.refusal(new InetAddress[] {ip("93.184.216.34"), ip("10.0.0.1")})).isPresent();
    }

    @Test
    void allowsTheNetworksItIsGiven() throws Exception {
        OutboundPolicy policy = OutboundPolicy.of("10.0.0.0/8, 192.168.7.7");

        assertThat(policy.refusal(ip("10.200.3.4"))).isEmpty();
        assertThat(policy.refusal(ip("192.168.7.7"))).isEmpty();
        assertThat(policy.refusal(ip("192.168.7.8"))).isPresent();
        assertThat(policy.refusal(ip("127.0.0.1"))).isPresent();
        assertThatThrownBy(() -> OutboundPolicy.of("intranet.example.com"))
                .hasMessage("intranet.example.com (expected: a network such as 10.0.0.0/8 or fd00::/8, or an address)");
    }
}
