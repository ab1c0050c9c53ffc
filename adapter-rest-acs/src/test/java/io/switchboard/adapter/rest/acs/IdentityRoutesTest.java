package io.switchboard.adapter.rest.acs;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.application.fakes.TestCore;
import io.switchboard.application.port.out.AccessTokenSigner;
import io.switchboard.application.service.IdentityService;
import io.switchboard.application.service.InMemoryUserDirectory;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.switchboard.adapter.rest.acs.TestRequest.delete;
import static io.switchboard.adapter.rest.acs.TestRequest.post;
import static org.assertj.core.api.Assertions.assertThat;

/** The ACS Identity API's wire over real HTTP: users, tokens, revocation, deletion, and the errors. */
@ExtendWith(VertxExtension.class)
class IdentityRoutesTest {

    private static final String VERSION = "?api-version=2023-10-01";
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    private ApiHarness api;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        AtomicInteger ids = new AtomicInteger();
        AccessTokenSigner signer = new AccessTokenSigner() {
            @Override
            public String userIdPrefix() {
                return "8:acs:resource_";
            }

            @Override
            public String sign(String userId, List<String> scopes, Instant issuedAt, Instant expiresOn) {
                return "token-for-" + userId + "-" + String.join("+", scopes) + "-" + expiresOn;
            }
        };
        api = ApiHarness.startWithIdentity(vertx, new TestCore().useCases(), new IdentityService(
                new InMemoryUserDirectory(), signer, () -> "user-" + ids.incrementAndGet(),
                Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    @Test
    void createsAUserWithAndWithoutAToken() throws Exception {
        // when
        ApiHarness.Reply bare = api.send(post("/identities" + VERSION, "{}"));
        ApiHarness.Reply withToken = api.send(post("/identities" + VERSION,
                "{\"createTokenWithScopes\":[\"voip\"],\"expiresInMinutes\":60}"));

        // then
        assertThat(bare.status()).as(bare.body()).isEqualTo(201);
        assertThat(bare.json().path("identity").path("id").asText()).isEqualTo("8:acs:resource_user-1");
        assertThat(bare.json().has("accessToken")).isFalse();
        JsonNode created = withToken.json();
        assertThat(withToken.status()).isEqualTo(201);
        assertThat(created.path("identity").path("id").asText()).isEqualTo("8:acs:resource_user-2");
        assertThat(created.path("accessToken").path("token").asText())
                .isEqualTo("token-for-8:acs:resource_user-2-voip-2026-12-06T11:00:00Z");
        assertThat(created.path("accessToken").path("expiresOn").asText()).isEqualTo("2026-12-06T11:00:00Z");
    }

    @Test
    void issuesRevokesAndDeletes() throws Exception {
        // given
        String user = api.send(post("/identities" + VERSION, "{}")).json().path("identity").path("id").asText();

        // when
        ApiHarness.Reply issued = api.send(post("/identities/" + user + "/:issueAccessToken" + VERSION,
                "{\"scopes\":[\"chat\",\"voip\"]}"));
        // the SDKs send the id percent-encoded
        ApiHarness.Reply revoked = api.send(post("/identities/" + user.replace(":", "%3A") + "/:revokeAccessTokens"
                + VERSION, ""));
        ApiHarness.Reply deleted = api.send(delete("/identities/" + user + VERSION));
        ApiHarness.Reply afterDelete = api.send(post("/identities/" + user + "/:issueAccessToken" + VERSION,
                "{\"scopes\":[\"voip\"]}"));

        // then
        assertThat(issued.status()).as(issued.body()).isEqualTo(200);
        assertThat(issued.json().path("token").asText()).endsWith("-chat+voip-2026-12-07T10:00:00Z");
        assertThat(revoked.status()).isEqualTo(204);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(afterDelete.status()).isEqualTo(400);
        assertThat(afterDelete.json().path("error").path("message").asText()).startsWith("id: " + user);
    }

    @Test
    void refusesBadScopesExpiriesVersionsAndTeamsWithTheErrorShape() throws Exception {
        ApiHarness.Reply scope = api.send(post("/identities" + VERSION, "{\"createTokenWithScopes\":[\"admin\"]}"));
        ApiHarness.Reply expiry = api.send(post("/identities" + VERSION,
                "{\"createTokenWithScopes\":[\"voip\"],\"expiresInMinutes\":30}"));
        ApiHarness.Reply version = api.send(post("/identities?api-version=1999-01-01", "{}"));
        ApiHarness.Reply teams = api.send(post("/teamsUser/:exchangeAccessToken" + VERSION,
                "{\"token\":\"t\",\"appId\":\"a\",\"userId\":\"u\"}"));

        assertThat(scope.status()).isEqualTo(400);
        assertThat(scope.json().path("error").path("message").asText())
                .startsWith("createTokenWithScopes: admin (expected: one of chat, voip");
        assertThat(expiry.json().path("error").path("message").asText())
                .startsWith("expiresInMinutes: 30 (expected: an integer from 60 to 1440)");
        assertThat(version.json().path("error").path("message").asText()).startsWith("api-version: 1999-01-01");
        assertThat(teams.status()).isEqualTo(400);
        assertThat(teams.json().path("error").path("message").asText()).startsWith("teamsUser: not supported");
    }
}
