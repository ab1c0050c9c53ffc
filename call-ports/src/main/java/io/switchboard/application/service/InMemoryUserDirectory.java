package io.switchboard.application.service;

import io.switchboard.application.port.out.UserDirectory;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** Users in memory, for tests and a server without a journal: they die with the process. */
public final class InMemoryUserDirectory implements UserDirectory {

    private final Map<String, Instant> validFrom = new ConcurrentHashMap<>();

    @Override
    public CompletionStage<Void> add(String userId, Instant createdAt) {
        validFrom.put(userId, createdAt);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Optional<Instant>> tokensValidFrom(String userId) {
        return CompletableFuture.completedFuture(Optional.ofNullable(validFrom.get(userId)));
    }

    @Override
    public CompletionStage<Boolean> revokeTokens(String userId, Instant at) {
        return CompletableFuture.completedFuture(validFrom.computeIfPresent(userId, (id, from) -> at) != null);
    }

    @Override
    public CompletionStage<Boolean> delete(String userId) {
        return CompletableFuture.completedFuture(validFrom.remove(userId) != null);
    }
}
