package io.switchboard.adapter.rest.acs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;

/**
 * Reads request bodies as a tolerant reader: unknown fields are ignored, and every refusal is an
 * {@link IllegalArgumentException} naming the field by its path, e.g.
 * {@code targets[0].phoneNumber.value: 12345 (expected: E.164, e.g. +14255550123)}. Shared by both API flavours.
 */
final class JsonRequest {

    /** Deeper than any request of either API: anything deeper is refused before it costs a deep parse. */
    static final int MAX_DEPTH = 64;
    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build()).build());

    private JsonRequest() {
    }

    /** The body as a JSON object; refused when empty, not JSON, or of another content type. */
    static ObjectNode object(RoutingContext rc) {
        Buffer body = rc.body().buffer();
        if (body == null || body.length() == 0) {
            throw new IllegalArgumentException("body: empty (expected: a JSON object)");
        }
        String type = rc.request().getHeader("Content-Type");
        if (type != null && !type.split(";")[0].trim().toLowerCase().endsWith("json")) {
            throw new IllegalArgumentException("Content-Type: " + type + " (expected: application/json)");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body.getBytes());
        } catch (JsonProcessingException e) {
            if (e instanceof StreamConstraintsException || e.getCause() instanceof StreamConstraintsException) {
                throw new IllegalArgumentException("body: nested deeper than " + MAX_DEPTH + " levels (expected: a "
                        + "JSON object of the API's shape)");
            }
            throw new IllegalArgumentException("body: malformed JSON" + (e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr())
                    + " (expected: a JSON object)");
        } catch (IOException e) {
            throw new IllegalArgumentException("body: unreadable (expected: a JSON object)");
        }
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException("body: " + node.getNodeType().name().toLowerCase()
                    + " (expected: a JSON object)");
        }
        return object;
    }

    /** Like {@link #object} but an empty body reads as {@code {}}. */
    static ObjectNode optionalObject(RoutingContext rc) {
        Buffer body = rc.body().buffer();
        return body == null || body.length() == 0 ? MAPPER.createObjectNode() : object(rc);
    }

    static String path(String parent, String field) {
        return parent.isEmpty() ? field : parent + "." + field;
    }

    /** The field, or empty when absent or null. */
    static Optional<JsonNode> field(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node);
    }

    static String text(JsonNode parent, String field, String parentPath) {
        return optionalText(parent, field, parentPath).orElseThrow(() ->
                new IllegalArgumentException(path(parentPath, field) + ": missing (expected: a string)"));
    }

    static Optional<String> optionalText(JsonNode parent, String field, String parentPath) {
        return field(parent, field).map(node -> {
            if (!node.isTextual()) {
                throw new IllegalArgumentException(path(parentPath, field) + ": " + node + " (expected: a string)");
            }
            return node.textValue();
        });
    }

    static boolean bool(JsonNode parent, String field, String parentPath, boolean absent) {
        return field(parent, field).map(node -> {
            if (!node.isBoolean()) {
                throw new IllegalArgumentException(path(parentPath, field) + ": " + node
                        + " (expected: true or false)");
            }
            return node.booleanValue();
        }).orElse(absent);
    }

    static Optional<Integer> integer(JsonNode parent, String field, String parentPath, int min, int max) {
        return field(parent, field).map(node -> {
            if (!node.canConvertToInt() || !node.isIntegralNumber() || node.intValue() < min || node.intValue() > max) {
                throw new IllegalArgumentException(path(parentPath, field) + ": " + node
                        + " (expected: an integer from " + min + " to " + max + ")");
            }
            return node.intValue();
        });
    }

    /** The array's elements (nulls included: the caller refuses them with the element's path). */
    static List<JsonNode> array(JsonNode parent, String field, String parentPath, boolean required) {
        Optional<JsonNode> node = field(parent, field);
        if (node.isEmpty()) {
            if (required) {
                throw new IllegalArgumentException(path(parentPath, field) + ": missing (expected: a non-empty array)");
            }
            return List.of();
        }
        if (!node.get().isArray() || required && node.get().isEmpty()) {
            throw new IllegalArgumentException(path(parentPath, field) + ": " + node.get()
                    + " (expected: a non-empty array)");
        }
        return StreamSupport.stream(node.get().spliterator(), false).toList();
    }

    static URI uri(String value, String path) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(path + ": " + value + " (expected: an absolute http or https URI)");
        }
    }

    /**
     * Builds a domain value, re-labelling its refusal with the field's path: the domain says
     * {@code phoneNumber: 12345 (...)}, the wire {@code targets[0].phoneNumber.value: 12345 (...)}.
     */
    static <T> T at(String path, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            int colon = message.indexOf(": ");
            throw new IllegalArgumentException(path + (colon >= 0 ? message.substring(colon) : ": " + message));
        }
    }

    /**
     * Builds a domain value whose refusal names a field of the object at {@code parentPath}: the domain says
     * {@code sourceLocale: x (...)}, the wire {@code playSources[0].text.sourceLocale: x (...)}.
     */
    static <T> T within(String parentPath, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(parentPath + "." + e.getMessage());
        }
    }
}
