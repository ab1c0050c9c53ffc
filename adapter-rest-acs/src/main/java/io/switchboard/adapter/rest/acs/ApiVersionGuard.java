package io.switchboard.adapter.rest.acs;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/**
 * Refuses GA requests without a known {@code api-version} query parameter (400, 8523), as ACS does. Every GA
 * version the SDKs send is accepted: their wire is the same for the operations served here.
 */
final class ApiVersionGuard implements Handler<RoutingContext> {

    static final List<String> SUPPORTED = List.of("2023-03-06", "2023-10-15", "2024-04-15", "2024-09-15",
            "2025-05-15", "2026-03-12");

    @Override
    public void handle(RoutingContext rc) {
        List<String> versions = rc.queryParam("api-version");
        if (versions.isEmpty() || versions.get(0).isBlank()) {
            throw new IllegalArgumentException("api-version: missing (expected: one of " + SUPPORTED + ")");
        }
        String version = versions.get(0);
        if (!SUPPORTED.contains(version) && !version.endsWith("-preview")) {
            throw new IllegalArgumentException("api-version: " + version + " (expected: one of " + SUPPORTED
                    + ", or a preview version)");
        }
        rc.next();
    }
}
