package io.switchboard.adapter.media;

import io.switchboard.application.port.out.AudioUnavailableException;
import io.switchboard.domain.call.ResultInformation;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.net.ConnectException;
import java.net.URI;
import java.util.concurrent.TimeoutException;

/**
 * GETs a file over http(s) into memory, following redirects, within a size cap and a deadline for the whole transfer.
 *
 * <p>Uses Vert.x's core HTTP client rather than {@code WebClient}: only the core client hands over the response
 * head before the body, which lets a transfer be refused on its status or {@code Content-Length} without reading the
 * body, and be reset (closing the connection) the moment it exceeds the cap or the deadline. WebClient's body codecs
 * can only stop buffering, after which the rest of the body is still read and discarded.
 *
 * <p>Each transfer runs on one Vert.x context. Failures are {@link AudioUnavailableException} with
 * {@link ResultInformation#downloadFailed 8536}.
 */
final class HttpDownloader {

    static final int CONNECT_TIMEOUT_MILLIS = 3_000;

    private final Vertx vertx;
    private final HttpClientAgent client;
    private final long maxBytes;
    private final long timeoutMillis;

    HttpDownloader(Vertx vertx, long maxBytes, long timeoutMillis) {
        this.vertx = vertx;
        this.maxBytes = maxBytes;
        this.timeoutMillis = timeoutMillis;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout(CONNECT_TIMEOUT_MILLIS)
                .setMaxRedirects(8));
    }

    /** The body of {@code uri}; completes on a Vert.x context. */
    Future<Buffer> download(URI uri) {
        Context context = vertx.getOrCreateContext();
        Promise<Buffer> promise = Promise.promise();
        context.runOnContext(v -> new Transfer(uri, promise).start());
        return promise.future();
    }

    Future<Void> close() {
        return client.close();
    }

    /** One transfer; confined to the context it started on. */
    private final class Transfer {

        private final URI uri;
        private final Promise<Buffer> promise;
        private HttpClientRequest request;
        private Buffer body;
        private long timer;

        Transfer(URI uri, Promise<Buffer> promise) {
            this.uri = uri;
            this.promise = promise;
        }

        void start() {
            timer = vertx.setTimer(timeoutMillis, id -> fail("no complete response within " + timeoutMillis + " ms"));
            RequestOptions options = new RequestOptions()
                    .setMethod(HttpMethod.GET)
                    .setAbsoluteURI(uri.toString())
                    .setFollowRedirects(true)
                    .setIdleTimeout(timeoutMillis);
            client.request(options)
                    .compose(req -> {
                        request = req;
                        if (promise.future().isComplete()) {
                            req.reset();
                        }
                        return req.send();
                    })
                    .onSuccess(this::receive)
                    .onFailure(error -> fail(describe(error)));
        }

        private void receive(HttpClientResponse response) {
            if (promise.future().isComplete()) {
                return;
            }
            request = response.request();
            // Set first: resetting the request below surfaces as an exception on the response.
            response.exceptionHandler(error -> fail(describe(error)));
            int status = response.statusCode();
            if (status < 200 || status > 299) {
                fail("HTTP " + status + " " + response.statusMessage() + " from " + redacted(uri));
                return;
            }
            long declared = parseLength(response.getHeader("Content-Length"));
            if (declared > maxBytes) {
                fail(tooLarge() + " (Content-Length: " + declared + ")");
                return;
            }
            body = Buffer.buffer((int) Math.max(4096, Math.min(declared, 1 << 20)));
            response.handler(chunk -> {
                if (promise.future().isComplete()) {
                    return;   // chunks already read from the socket when the transfer failed
                }
                if (body.length() + (long) chunk.length() > maxBytes) {
                    fail(tooLarge());
                } else {
                    body.appendBuffer(chunk);
                }
            });
            response.endHandler(v -> {
                vertx.cancelTimer(timer);
                promise.tryComplete(body);
            });
        }

        private void fail(String detail) {
            vertx.cancelTimer(timer);
            if (promise.tryFail(new AudioUnavailableException(ResultInformation.downloadFailed(detail)))) {
                body = null;
                if (request != null) {
                    // Closes the HTTP/1.x connection (or the HTTP/2 stream): nothing more is read.
                    request.reset();
                }
            }
        }

        private String tooLarge() {
            return "body larger than " + maxBytes + " bytes from " + redacted(uri) + " (expected: at most "
                    + maxBytes + ", the configured maxFileBytes)";
        }

        private String describe(Throwable error) {
            if (error instanceof ConnectException || error.getCause() instanceof ConnectException) {
                return "cannot connect to " + redacted(uri) + ": " + error.getMessage();
            }
            if (error instanceof TimeoutException) {
                return "no data from " + redacted(uri) + " within " + timeoutMillis + " ms";
            }
            return "transfer from " + redacted(uri) + " failed: " + error;
        }
    }

    /** A service's scheme, host and port, for logs and messages: never credentials or paths. */
    static String where(URI endpoint) {
        String port = endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort();
        return endpoint.getScheme() + "://" + endpoint.getHost() + port;
    }

    /** {@code path} (starting with {@code /}) under a service's base URL, with or without its trailing slash. */
    static URI under(URI endpoint, String path) {
        String base = endpoint.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }

    /** The URI without user info, query and fragment: those often carry secrets (e.g. SAS signatures). */
    static String redacted(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private static long parseLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
