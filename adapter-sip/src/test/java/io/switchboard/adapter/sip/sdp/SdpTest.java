package io.switchboard.adapter.sip.sdp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SdpTest {

    @Test
    void offersPcmuPcmaAndTelephoneEvents() {
        // when
        String offer = Sdp.offer("127.0.0.1", 40000, 42, 1);

        // then
        assertThat(offer).isEqualTo("v=0\r\n"
                + "o=switchboard 42 1 IN IP4 127.0.0.1\r\n"
                + "s=switchboard\r\n"
                + "c=IN IP4 127.0.0.1\r\n"
                + "t=0 0\r\n"
                + "m=audio 40000 RTP/AVP 0 8 101\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:8 PCMA/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\n"
                + "a=fmtp:101 0-16\r\n"
                + "a=ptime:20\r\n"
                + "a=sendrecv\r\n");
    }

    @Test
    void readsItsOwnOffer() {
        assertThat(Sdp.negotiate(Sdp.offer("10.0.0.1", 4000, 1, 1)))
                .contains(new RemoteAudio("10.0.0.1", 4000, 0, 101));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "PCMU first            | 0 8 96  | a=rtpmap:96 telephone-event/8000 | 0 | 96",
            "PCMA first            | 8 0     | ''                               | 8 | -1",
            "unknown codec skipped | 18 8    | a=rtpmap:18 G729/8000            | 8 | -1",
            "dynamic before G.711  | 97 0 98 | a=rtpmap:98 telephone-event/8000 | 0 | 98",
    })
    void choosesTheFirstG711CodecOfTheAnswer(String name, String formats, String attribute, int pt, int te) {
        // given
        String answer = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
                + "m=audio 5004 RTP/AVP " + formats + "\r\n" + attribute + "\r\n";

        // when
        Optional<RemoteAudio> audio = Sdp.negotiate(answer);

        // then
        assertThat(audio).contains(new RemoteAudio("192.0.2.1", 5004, pt, te));
    }

    @Test
    void prefersTheMediaLevelConnectionAndAcceptsBareNewlines() {
        // given
        String answer = "v=0\nc=IN IP4 192.0.2.1\nm=video 6000 RTP/AVP 31\nc=IN IP4 192.0.2.9\n"
                + "m=audio 5004 RTP/AVP 0\nc=IN IP4 192.0.2.2\n";

        // then
        assertThat(Sdp.negotiate(answer)).contains(new RemoteAudio("192.0.2.2", 5004, 0, -1));
    }

    @Test
    void findsNothingInARejectedOrCodeclessStream() {
        assertThat(Sdp.negotiate("v=0\r\nc=IN IP4 192.0.2.1\r\nm=audio 0 RTP/AVP 0\r\n")).isEmpty();
        assertThat(Sdp.negotiate("v=0\r\nc=IN IP4 192.0.2.1\r\nm=audio 5004 RTP/AVP 18\r\n")).isEmpty();
        assertThat(Sdp.negotiate("v=0\r\nc=IN IP4 192.0.2.1\r\n")).isEmpty();
    }

    @Test
    void rejectsMalformedDescriptions() {
        assertThatThrownBy(() -> Sdp.negotiate("v=0\r\nm=audio x RTP/AVP 0\r\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("m=audio x");
        assertThatThrownBy(() -> Sdp.negotiate("v=0\r\nc=IN IP6 ::1\r\nm=audio 5 RTP/AVP 0\r\n"))
                .hasMessageContaining("expected: c=IN IP4");
        assertThatThrownBy(() -> Sdp.negotiate("v=0\r\nm=audio 5004 RTP/AVP 0\r\n"))
                .hasMessageContaining("connection address missing");
    }

    @Test
    void answersWithTheChosenPayloadTypes() {
        // when
        String answer = Sdp.answer("127.0.0.1", 40002, 42, 3, new RemoteAudio("192.0.2.1", 5004, 8, 96));

        // then
        assertThat(answer).contains("o=switchboard 42 3 IN IP4 127.0.0.1\r\n", "m=audio 40002 RTP/AVP 8 96\r\n",
                "a=rtpmap:8 PCMA/8000\r\n", "a=rtpmap:96 telephone-event/8000\r\n", "a=fmtp:96 0-16\r\n");
        assertThat(Sdp.negotiate(answer)).contains(new RemoteAudio("127.0.0.1", 40002, 8, 96));
    }
}
