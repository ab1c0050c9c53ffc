package io.switchboard.application.port.out;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The users created through the Identity API, with when their tokens were last revoked. Kept on disk by the journal,
 * so that a user outlives a restart. Thread-safe; stages may complete on any thread.
 */
public interface UserDirectory {

    CompletionStage<Void> add(String userId, Instant createdAt);

    /** When the user's tokens were last revoked (its creation if never); empty if there is no such user. */
    CompletionStage<Optional<Instant>> tokensValidFrom(String userId);

    /** @return whether the user exists */
    CompletionStage<Boolean> revokeTokens(String userId, Instant at);

    /** @return whether the user existed */
    CompletionStage<Boolean> delete(String userId);
}
