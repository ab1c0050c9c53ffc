package io.switchboard.adapter.media;

import io.switchboard.application.port.out.AudioUnavailableException;
import io.switchboard.application.port.out.OutboundPolicy;
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
import io.vertx.core.net.SocketAddress;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * GETs a file over http(s) into memory, following redirects, within a size cap and a deadline for the whole transfer,
 * from addresses the {@link OutboundPolicy} allows only: each host (the first and every redirect's) is resolved and
 * checked, and the request goes to the address checked.
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
    private static final int MAX_REDIRECTS = 8;

    private final Vertx vertx;
    private final HttpClientAgent client;
    private final long maxBytes;
    private final long timeoutMillis;
    private final OutboundPolicy outbound;

    HttpDownloader(Vertx vertx, long maxBytes, long timeoutMillis, OutboundPolicy outbound) {
        this.vertx = vertx;
        this.maxBytes = maxBytes;
        this.timeoutMillis = timeoutMillis;
        this.outbound = outbound;
        this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(CONNECT_TIMEOUT_MILLIS));
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

        private URI uri;
        private int redirects;
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
            hop();
        }

        /**
         * One request: the host is resolved first, and every address it has must be one the policy allows; the
         * request then goes to that address, so a second lookup cannot change it. Redirects come back here.
         */
        private void hop() {
            String host = uri.getHost();
            vertx.executeBlocking(() -> InetAddress.getAllByName(host), false).onComplete(resolved -> {
                if (promise.future().isComplete()) {
                    return;
                }
                if (resolved.failed()) {
                    fail("the host of " + redacted(uri) + " is not known");
                    return;
                }
                Optional<String> refused = outbound.refusal(resolved.result());
                if (refused.isPresent()) {
                    fail(refused.get());
                    return;
                }
                send(resolved.result()[0]);
            });
        }

        private void send(InetAddress address) {
            int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            RequestOptions options = new RequestOptions()
                    .setMethod(HttpMethod.GET)
                    .setAbsoluteURI(uri.toString())
                    .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                    .setFollowRedirects(false)
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
            int status = response.statusCode();
            String location = response.getHeader("Location");
            if (status >= 300 && status < 400 && location != null) {
                response.handler(ignored -> { }); // the redirect's own body is read and dropped
                redirect(location);
                return;
            }
            request = response.request();
            // Set first: resetting the request below surfaces as an exception on the response.
            response.exceptionHandler(error -> fail(describe(error)));
            if (status < 200 || status > 299) {
                // the status only: what the server says, in its reason or body, is not passed on to the caller
                fail("HTTP " + status + " from " + redacted(uri));
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

        /** Follows a redirect (at most {@value #MAX_REDIRECTS}), checked like the first request. */
        private void redirect(String location) {
            URI next;
            try {
                next = uri.resolve(location);
            } catch (IllegalArgumentException e) {
                fail("a redirect from " + redacted(uri) + " to an invalid location");
                return;
            }
            if (++redirects > MAX_REDIRECTS || !("http".equalsIgnoreCase(next.getScheme())
                    || "https".equalsIgnoreCase(next.getScheme())) || next.getHost() == null) {
                fail(redirects > MAX_REDIRECTS ? "more than " + MAX_REDIRECTS + " redirects from " + redacted(uri)
                        : "a redirect from " + redacted(uri) + " to something other than http(s)");
                return;
            }
            uri = next;
            request = null;
            hop();
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
