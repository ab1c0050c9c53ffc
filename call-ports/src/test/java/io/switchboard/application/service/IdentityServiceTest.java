package io.switchboard.application.service;

import io.switchboard.application.fakes.FakeClock;
import io.switchboard.application.port.in.IdentityUseCase.IssuedToken;
import io.switchboard.application.port.in.IssueTokenCommand;
import io.switchboard.application.port.out.AccessTokenSigner;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.switchboard.application.fakes.TestCore.result;
import static org.assertj.core.api.Assertions.assertThat;

class IdentityServiceTest {

    private static final Instant START = Instant.parse("2026-12-06T10:00:00Z");

    /** Tokens that say what they were made of, so that a test sees which one came back. */
    private static final AccessTokenSigner SIGNER = new AccessTokenSigner() {
        @Override
        public String userIdPrefix() {
            return "8:acs:res_";
        }

        @Override
        public String sign(String userId, List<String> scopes, Instant issuedAt, Instant expiresOn) {
            return "header.claims." + userId + "|" + String.join(" ", scopes) + "|" + issuedAt.getEpochSecond()
                    + "|" + expiresOn.getEpochSecond();
        }
    };

    private final FakeClock clock = new FakeClock(START);
    private final IdentityService identity = new IdentityService(new InMemoryUserDirectory(), SIGNER, () -> "u1",
            clock);

    private static IssueTokenCommand token(String... scopes) {
        return new IssueTokenCommand(List.of(scopes), Duration.ofHours(1), "scopes");
    }

    @Test
    void theUsersLiveVoipTokensAreItsDevicePasswords() {
        // given
        String user = result(identity.createUser(Optional.of(token("voip")))).user().rawId();
        IssuedToken second = result(identity.issueToken(user, token("chat", "voip")));
        result(identity.issueToken(user, token("chat")));

        // when
        List<String> passwords = result(identity.devicePasswords(user));

        // then: both voip tokens' last parts; the chat-only one is not a password
        assertThat(passwords).hasSize(2).contains(second.token().substring("header.claims.".length()));
        assertThat(result(identity.devicePasswords("8:acs:res_nobody"))).isEmpty();
    }

    @Test
    void revokedAndExpiredTokensAreNoLongerPasswords() {
        // given
        String user = result(identity.createUser(Optional.of(token("voip")))).user().rawId();

        // when: an hour and a second later the first has expired; a new one is revoked with the rest
        clock.advance(Duration.ofSeconds(3601));
        assertThat(result(identity.devicePasswords(user))).isEmpty();
        result(identity.issueToken(user, token("voip")));
        assertThat(result(identity.devicePasswords(user))).hasSize(1);
        clock.advance(Duration.ofSeconds(99));
        result(identity.revokeTokens(user));

        // then
        assertThat(result(identity.devicePasswords(user))).isEmpty();
    }
}
