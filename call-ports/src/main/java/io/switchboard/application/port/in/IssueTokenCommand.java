package io.switchboard.application.port.in;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What an access token is for and how long it lasts (ACS Identity: scopes of {@link #SCOPES}, 60 to 1440 minutes).
 *
 * @param field the request field the scopes came in, for error messages ({@code scopes} or
 *              {@code createTokenWithScopes})
 */
public record IssueTokenCommand(List<String> scopes, Duration expiresIn, String field) {

    public static final Set<String> SCOPES = Set.of("chat", "voip", "chat.join", "chat.join.limited", "voip.join");
    public static final Duration DEFAULT_EXPIRY = Duration.ofMinutes(1440);

    public IssueTokenCommand {
        if (scopes == null || scopes.isEmpty()) {
            throw new IllegalArgumentException(field + ": " + scopes + " (expected: one or more of chat, voip, "
                    + "chat.join, chat.join.limited, voip.join)");
        }
        for (String scope : scopes) {
            if (!SCOPES.contains(scope)) {
                throw new IllegalArgumentException(field + ": " + scope + " (expected: one of chat, voip, chat.join, "
                        + "chat.join.limited, voip.join)");
            }
        }
        scopes = List.copyOf(scopes);
        if (expiresIn == null || expiresIn.toMinutes() < 60 || expiresIn.toMinutes() > 1440
                || expiresIn.toSeconds() % 60 != 0) {
            throw new IllegalArgumentException("expiresInMinutes: " + (expiresIn == null ? null : expiresIn.toMinutes())
                    + " (expected: whole minutes from 60 to 1440)");
        }
    }
}
