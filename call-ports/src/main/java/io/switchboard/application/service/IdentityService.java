package io.switchboard.application.service;

import io.switchboard.application.port.in.DevicePasswordsUseCase;
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
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Users and their tokens over the directory and the signer. */
public final class IdentityService implements IdentityUseCase, DevicePasswordsUseCase {

    /** The scope whose tokens are also SIP passwords. */
    static final String VOIP = "voip";

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
        return directory.add(userId, now).thenCompose(added -> token.map(command -> issue(userId, command, now)
                        .thenApply(Optional::of)).orElseGet(() -> CompletableFuture.completedFuture(Optional.empty())))
                .thenApply(issued -> new CreatedUser(new CommunicationUserIdentifier(userId), issued));
    }

    @Override
    public CompletionStage<IssuedToken> issueToken(String userId, IssueTokenCommand token) {
        return directory.tokensValidFrom(userId).thenCompose(found -> {
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

    /** The tokens are made again from their grants: the server keeps no token, only what it signed. */
    @Override
    public CompletionStage<List<String>> devicePasswords(String userId) {
        Instant now = clock.instant();
        return directory.tokensValidFrom(userId).thenCompose(from -> from.isEmpty()
                ? CompletableFuture.completedFuture(List.<String>of())
                : directory.grants(userId, now).thenApply(grants -> grants.stream()
                        .filter(grant -> !grant.issuedAt().isBefore(from.get()) && grant.expiresOn().isAfter(now))
                        .map(grant -> devicePassword(signer.sign(userId, grant.scopes(), grant.issuedAt(),
                                grant.expiresOn())))
                        .toList()));
    }

    /**
     * A token's device password: its last dot-separated part (a JWT's signature, 43 characters): devices cap the
     * length of a password (SIPp at 256 characters, many phones at 64), which a whole token exceeds.
     */
    static String devicePassword(String token) {
        return token.substring(token.lastIndexOf('.') + 1);
    }

    /** A voip token is kept as a grant (before it is handed out) so that a device may register with it. */
    private CompletionStage<IssuedToken> issue(String userId, IssueTokenCommand command, Instant now) {
        Instant expiresOn = now.plus(command.expiresIn());
        IssuedToken token = new IssuedToken(signer.sign(userId, command.scopes(), now, expiresOn), expiresOn);
        if (!command.scopes().contains(VOIP)) {
            return CompletableFuture.completedFuture(token);
        }
        return directory.granted(userId, new UserDirectory.VoipGrant(command.scopes(), now, expiresOn))
                .thenApply(kept -> token);
    }

    private static CallAutomationException notFound(String userId) {
        return new CallAutomationException(ErrorCode.INVALID_REQUEST, "id: " + userId
                + " (expected: a user created by this server that was not deleted)");
    }
}
