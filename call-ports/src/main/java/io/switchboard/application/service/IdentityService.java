package io.switchboard.application.service;

import io.switchboard.application.port.in.IdentityUseCase;
import io.switchboard.application.port.in.IssueTokenCommand;
import io.switchboard.application.port.out.AccessTokenSigner;
import io.switchboard.application.port.out.IdGenerator;
import io.switchboard.application.port.out.UserDirectory;
import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.participant.CommunicationUserIdentifier;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Users and their tokens over the directory and the signer. */
public final class IdentityService implements IdentityUseCase {

    private final UserDirectory directory;
    private final AccessTokenSigner signer;
    private final IdGenerator ids;
    private final Clock clock;

    public IdentityService(UserDirectory directory, AccessTokenSigner signer, IdGenerator ids, Clock clock) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public CompletionStage<CreatedUser> createUser(Optional<IssueTokenCommand> token) {
        String userId = signer.userIdPrefix() + ids.newId();
        Instant now = clock.instant();
        return directory.add(userId, now).thenApply(added -> new CreatedUser(new CommunicationUserIdentifier(userId),
                token.map(command -> issue(userId, command, now))));
    }

    @Override
    public CompletionStage<IssuedToken> issueToken(String userId, IssueTokenCommand token) {
        return directory.tokensValidFrom(userId).thenApply(found -> {
            if (found.isEmpty()) {
                throw notFound(userId);
            }
            return issue(userId, token, clock.instant());
        });
    }

    @Override
    public CompletionStage<Void> revokeTokens(String userId) {
        return directory.revokeTokens(userId, clock.instant()).thenAccept(existed -> {
            if (!existed) {
                throw notFound(userId);
            }
        });
    }

    @Override
    public CompletionStage<Void> deleteUser(String userId) {
        return directory.delete(userId).thenAccept(existed -> { }); // deleting twice is not an error, as in ACS
    }

    private IssuedToken issue(String userId, IssueTokenCommand command, Instant now) {
        Instant expiresOn = now.plus(command.expiresIn());
        return new IssuedToken(signer.sign(userId, command.scopes(), now, expiresOn), expiresOn);
    }

    private static CallAutomationException notFound(String userId) {
        return new CallAutomationException(ErrorCode.INVALID_REQUEST, "id: " + userId
                + " (expected: a user created by this server that was not deleted)");
    }
}
