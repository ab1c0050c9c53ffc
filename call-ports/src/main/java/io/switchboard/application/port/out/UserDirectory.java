package io.switchboard.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The users created through the Identity API, with when their tokens were last revoked. Kept on disk by the journal,
 * so that a user outlives a restart. Thread-safe; stages may complete on any thread.
 */
public interface UserDirectory {

    /**
     * A token issued with the {@code voip} scope, kept (not the token: what it was made of) so that the server can
     * make it again to check a device's digest (see {@code DevicePasswordsUseCase}).
     */
    record VoipGrant(List<String> scopes, Instant issuedAt, Instant expiresOn) {

        public VoipGrant {
            scopes = List.copyOf(scopes);
            Objects.requireNonNull(issuedAt, "issuedAt");
            Objects.requireNonNull(expiresOn, "expiresOn");
        }
    }

    CompletionStage<Void> add(String userId, Instant createdAt);

    /** When the user's tokens were last revoked (its creation if never); empty if there is no such user. */
    CompletionStage<Optional<Instant>> tokensValidFrom(String userId);

    /** @return whether the user exists */
    CompletionStage<Boolean> revokeTokens(String userId, Instant at);

    /** @return whether the user existed */
    CompletionStage<Boolean> delete(String userId);

    /** Keeps a voip grant of the user until it expires, it is revoked, or the user is deleted. */
    CompletionStage<Void> granted(String userId, VoipGrant grant);

    /** The user's voip grants not yet expired at {@code now} (revoked ones may be among them: check the times). */
    CompletionStage<List<VoipGrant>> grants(String userId, Instant now);
}
