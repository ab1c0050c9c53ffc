package io.switchboard.application.port.in;

import io.switchboard.domain.participant.CommunicationUserIdentifier;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The users of this server and their access tokens, as ACS Identity offers them: created users are
 * {@code 8:acs:<resource>_<id>} identifiers, kept across restarts; tokens are signed by the server, carry scopes and
 * an expiry, and can be revoked. Non-blocking; failures with {@code IllegalArgumentException} (bad input) or
 * {@code CallAutomationException} ({@code INVALID_REQUEST} for a user that does not exist).
 */
public interface IdentityUseCase {

    /** A token as issued. */
    record IssuedToken(String token, Instant expiresOn) {
    }

    /** A user as created, with its first token if one was asked for. */
    record CreatedUser(CommunicationUserIdentifier user, Optional<IssuedToken> token) {
    }

    CompletionStage<CreatedUser> createUser(Optional<IssueTokenCommand> token);

    CompletionStage<IssuedToken> issueToken(String userId, IssueTokenCommand token);

    /** Every token issued to the user before now stops being valid. */
    CompletionStage<Void> revokeTokens(String userId);

    /** The user and its tokens are gone; deleting a user that is not there is not an error (as ACS). */
    CompletionStage<Void> deleteUser(String userId);
}
