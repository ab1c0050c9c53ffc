package io.switchboard.adapter.sip;

import io.switchboard.domain.participant.CommunicationIdentifier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SipIdentitiesTest {

    private final SipIdentities identities = new SipIdentities(Map.of(
            "8:acs:alice", "sip:alice@127.0.0.1:5062",
            "8:acs:bob", "sip:bob@PBX.example.com;transport=udp",
            "8:acs:desk", "sip:1001@pbx.example.com"));

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
            // phone numbers: E.164 with or without +, tel: URIs, escaped +
            "sip:+14255550123@10.0.0.1:5060;user=phone | 4:+14255550123",
            "sip:14255550123@trunk.example.com         | 4:+14255550123",
            "sips:+14255550123@trunk.example.com       | 4:+14255550123",
            "sip:%2B14255550123@trunk.example.com      | 4:+14255550123",
            "tel:+1-425-555-0123                       | 4:+14255550123",
            "tel:+14255550123;phone-context=example.com| 4:+14255550123",
            // configured users: user and host, whatever the port and parameters; the host in any case
            "sip:alice@127.0.0.1                       | 8:acs:alice",
            "sip:alice@127.0.0.1:5070;transport=udp    | 8:acs:alice",
            "sip:alice:secret@127.0.0.1                | 8:acs:alice",
            "sip:bob@pbx.example.com:5060              | 8:acs:bob",
            // a configured user known by an extension is that user, the same digits elsewhere a number
            "sip:1001@pbx.example.com                  | 8:acs:desk",
            "sip:1001@other.example.com                | 4:+1001",
            // anything else: the address, without port and parameters
            "sip:ALICE@127.0.0.1                       | sip:ALICE@127.0.0.1",
            "sip:alice@example.com                     | sip:alice@example.com",
            "SIP:dave@example.com:5080;transport=udp   | sip:dave@example.com",
            "sip:0123456@trunk.example.com             | sip:0123456@trunk.example.com",
            "sip:1234567890123456@trunk.example.com    | sip:1234567890123456@trunk.example.com",
            "sip:example.com                           | sip:example.com",
            "tel:555-CALL                              | tel:555-CALL",
            "urn:service:sos                           | urn:service:sos",
    })
    void identifiesTheAddressOfAnIncomingCall(String uri, String rawId) {
        assertThat(identities.identify(uri)).isEqualTo(CommunicationIdentifier.parseRawId(rawId));
    }
}
