package io.switchboard.adapter.sip.digest;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DigestTest {

    @Test
    void computesTheResponseOfRfc2617Section3_5() {
        // given: the example of RFC 2617 §3.5
        // when
        String response = Digest.response("Mufasa", "testrealm@host.com", "Circle Of Life", "GET", "/dir/index.html",
                "dcd98b7102dd2f0e8b11d0f600bfb0c093", true, "00000001", "0a4f113b");

        // then
        assertThat(response).isEqualTo("6629fae49393a05397450978507c4ef1");
    }

    @Test
    void computesTheRfc2069ResponseWithoutQop() {
        // given: HA1 = MD5("Mufasa:testrealm@host.com:Circle Of Life"), HA2 = MD5("GET:/dir/index.html")
        // when
        String response = Digest.response("Mufasa", "testrealm@host.com", "Circle Of Life", "GET", "/dir/index.html",
                "dcd98b7102dd2f0e8b11d0f600bfb0c093", false, null, null);

        // then: MD5("939e7578ed9e3c518a452acee763bce9:dcd98b7102dd2f0e8b11d0f600bfb0c093:39aff3a2bab6126f332b942af96d3366")
        assertThat(response).isEqualTo("670fd8c2df070c60b045671b8b24ff02");
    }

    @Test
    void parsesTheChallengeOfRfc2617Section3_5() {
        // given
        String header = "Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", "
                + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"";

        // when
        DigestChallenge challenge = DigestChallenge.parse(header);

        // then
        assertThat(challenge).isEqualTo(new DigestChallenge("testrealm@host.com", "dcd98b7102dd2f0e8b11d0f600bfb0c093",
                Optional.of("5ccc069c403ebaf9f0171e9517f40e41"), "MD5", List.of("auth", "auth-int"), false));
    }

    @Test
    void answersTheChallengeWithTheRfcExampleAuthorization() {
        // given
        DigestChallenge challenge = DigestChallenge.parse("Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\","
                + " nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");

        // when
        String authorization = Digest.authorization(challenge, "Mufasa", "Circle Of Life", "GET", "/dir/index.html",
                1, "0a4f113b");

        // then
        assertThat(authorization).isEqualTo("Digest username=\"Mufasa\", realm=\"testrealm@host.com\", "
                + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"/dir/index.html\", "
                + "response=\"6629fae49393a05397450978507c4ef1\", algorithm=MD5, qop=auth, nc=00000001, "
                + "cnonce=\"0a4f113b\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");
    }

    @Test
    void parsesUnquotedValuesAndStale() {
        // when
        DigestChallenge challenge = DigestChallenge.parse("Digest realm=\"sip.example\",nonce=\"abc\","
                + "algorithm=MD5,stale=TRUE");

        // then
        assertThat(challenge.qop()).isEmpty();
        assertThat(challenge.stale()).isTrue();
        assertThat(challenge.algorithm()).isEqualTo("MD5");
    }

    @Test
    void rejectsWhatItCannotAnswer() {
        assertThatThrownBy(() -> DigestChallenge.parse("Basic realm=\"x\""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected: Digest");
        assertThatThrownBy(() -> DigestChallenge.parse("Digest realm=\"x\""))
                .hasMessageContaining("realm and nonce");
        DigestChallenge sha = DigestChallenge.parse("Digest realm=\"x\", nonce=\"n\", algorithm=SHA-256");
        assertThatThrownBy(() -> Digest.authorization(sha, "u", "p", "INVITE", "sip:x", 1, "c"))
                .hasMessageContaining("expected: MD5");
    }
}
