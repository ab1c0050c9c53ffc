package io.switchboard.application.service;

import io.switchboard.application.port.out.UserDirectory;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Users in memory, for tests and a server without a journal: they die with the process. */
public final class InMemoryUserDirectory implements UserDirectory {

    private final Map<String, Instant> validFrom = new ConcurrentHashMap<>();
    private final Map<String, List<VoipGrant>> grants = new ConcurrentHashMap<>();

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
        grants.remove(userId);
        return CompletableFuture.completedFuture(validFrom.remove(userId) != null);
    }

    @Override
    public CompletionStage<Void> granted(String userId, VoipGrant grant) {
        grants.computeIfAbsent(userId, id -> new CopyOnWriteArrayList<>()).add(grant);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<List<VoipGrant>> grants(String userId, Instant now) {
        List<VoipGrant> all = grants.getOrDefault(userId, List.of());
        all.removeIf(grant -> !grant.expiresOn().isAfter(now));
        return CompletableFuture.completedFuture(List.copyOf(all));
    }
}
