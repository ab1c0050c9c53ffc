package io.switchboard.adapter.rest.acs;

import io.switchboard.domain.call.CallAutomationException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;

import java.util.concurrent.CompletionException;

/**
 * The one place failures become responses: bad input ({@link IllegalArgumentException}) 400/8523, business
 * rejections by their {@link io.switchboard.domain.call.ErrorCode}, failed authentication 401 {@code Denied},
 * statuses raised by Vert.x (413 body too large, 404/405 no route), anything else 500 with a generic message and
 * one log line. Never a stack trace on the wire.
 */
final class FailureHandler implements Handler<RoutingContext> {

    private static final System.Logger LOG = System.getLogger(FailureHandler.class.getName());
    static final String BAD_REQUEST = "8523";
    private static final int LONGEST_WORD = 120;

    private record Problem(int status, String code, String message) {
    }

    private final ErrorBody body;
    private final long bodyLimitBytes;

    FailureHandler(ErrorBody body, long bodyLimitBytes) {
        this.body = body;
        this.bodyLimitBytes = bodyLimitBytes;
    }

    @Override
    public void handle(RoutingContext rc) {
        Throwable failure = unwrap(rc.failure());
        Problem problem = problem(failure, rc);
        if (problem.status() >= 500) {
            LOG.log(System.Logger.Level.ERROR, "request failed: " + rc.request().method() + " " + rc.request().path()
                    + " correlationId=" + RequestIdHandler.correlationId(rc), failure);
        }
        HttpServerResponse response = rc.response();
        if (response.headWritten()) {
            response.reset(); // too late for an error body: abort rather than send half a success
            return;
        }
        response.setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(body.render(problem.status(), problem.code(), problem.message()));
    }

    private Problem problem(Throwable failure, RoutingContext rc) {
        if (failure instanceof AccessDenied) {
            return new Problem(401, "Denied", "Denied by the resource provider.");
        }
        if (failure instanceof IllegalArgumentException) {
            return new Problem(400, BAD_REQUEST, cut(failure.getMessage()));
        }
        if (failure instanceof CallAutomationException rejected) {
            return new Problem(ErrorStatus.of(rejected.code()), String.valueOf(rejected.code().acsCode()),
                    cut(rejected.getMessage()));
        }
        if (failure instanceof HttpException http) {
            return ofStatus(http.getStatusCode(), rc);
        }
        return failure == null ? ofStatus(rc.statusCode(), rc) : internal();
    }

    private Problem ofStatus(int status, RoutingContext rc) {
        return switch (status) {
            case 400 -> new Problem(400, BAD_REQUEST, "Bad request.");
            case 401, 403 -> new Problem(401, "Denied", "Denied by the resource provider.");
            case 404 -> new Problem(404, "NotFound", "No resource at " + rc.request().method() + " "
                    + rc.request().path() + ".");
            case 405 -> new Problem(405, "8520", rc.request().method() + " is not supported on "
                    + rc.request().path() + ".");
            case 413 -> new Problem(413, BAD_REQUEST, "body: too large (expected: at most " + bodyLimitBytes
                    + " bytes)");
            default -> status >= 400 && status < 500 ? new Problem(status, String.valueOf(status), "Request refused.")
                    : internal();
        };
    }

    private static Problem internal() {
        return new Problem(500, "InternalServerError", "The server could not process the request.");
    }

    /**
     * The message with every word longer than {@value #LONGEST_WORD} characters cut to its start and its length:
     * messages quote the offending value, which may be a megabyte long.
     */
    static String cut(String message) {
        if (message == null) {
            return "";
        }
        StringBuilder cut = new StringBuilder();
        for (String word : message.split(" ", -1)) {
            if (cut.length() > 0) {
                cut.append(' ');
            }
            cut.append(word.length() <= LONGEST_WORD ? word
                    : word.substring(0, LONGEST_WORD / 2) + "... (" + word.length() + " characters)");
        }
        return cut.toString();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while (current instanceof CompletionException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
