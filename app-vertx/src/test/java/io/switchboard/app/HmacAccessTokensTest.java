package io.switchboard.app;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static org.assertj.core.api.Assertions.assertThat;

class HmacAccessTokensTest {

    private static final byte[] KEY = "a key of this server, 32 bytes..".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void signsAJwtWithTheUserScopesAndExpiryUnderAKeyDerivedFromTheAccessKey() throws Exception {
        // given
        HmacAccessTokens tokens = new HmacAccessTokens(KEY);
        String user = tokens.userIdPrefix() + "0001";

        // when
        String token = tokens.sign(user, List.of("chat", "voip"), NOW, NOW.plusSeconds(3600));

        // then
        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(claims).contains("\"sub\":\"" + user + "\"").contains("\"scp\":\"chat voip\"")
                .contains("\"iat\":" + NOW.getEpochSecond()).contains("\"exp\":" + (NOW.getEpochSecond() + 3600));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        byte[] derived = mac.doFinal("switchboard access tokens".getBytes(StandardCharsets.UTF_8));
        mac.init(new SecretKeySpec(derived, "HmacSHA256"));
        byte[] signature = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(Base64.getUrlDecoder().decode(parts[2])).isEqualTo(signature);
    }

    @Test
    void givesUsersOfOneKeyOneStableResourceAndAnotherKeyAnother() {
        assertThat(new HmacAccessTokens(KEY).userIdPrefix()).isEqualTo(new HmacAccessTokens(KEY).userIdPrefix())
                .matches("8:acs:[0-9a-f-]{36}_");
        assertThat(new HmacAccessTokens("another key".getBytes(StandardCharsets.UTF_8)).userIdPrefix())
                .isNotEqualTo(new HmacAccessTokens(KEY).userIdPrefix());
    }
}
