package io.switchboard.adapter.rest.acs;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The OpenAPI 3 documents of the two API flavours, {@code GET /openapi/ga.yaml} and {@code /openapi/origin.yaml}:
 * what the routes take and answer. Public (no signature): they describe the API, they grant nothing.
 */
final class OpenApiDocuments {

    private static final Map<String, byte[]> DOCUMENTS = Map.of(
            "ga.yaml", read("openapi/ga.yaml"),
            "origin.yaml", read("openapi/origin.yaml"));

    private OpenApiDocuments() {
    }

    static void serve(RoutingContext rc) {
        byte[] document = DOCUMENTS.get(rc.pathParam("document"));
        if (document == null) {
            rc.fail(404);
            return;
        }
        rc.response().putHeader("Content-Type", "application/yaml; charset=utf-8")
                .end(Buffer.buffer(document));
    }

    private static byte[] read(String resource) {
        try (InputStream in = OpenApiDocuments.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(resource + " could not be read", e);
        }
    }
}
