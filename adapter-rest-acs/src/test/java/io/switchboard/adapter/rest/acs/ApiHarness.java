package io.switchboard.adapter.rest.acs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.application.port.in.CallUseCases;
import io.switchboard.application.port.in.IdentityUseCase;
import io.switchboard.application.port.in.IncomingCallUseCase;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real router on an HTTP server on 127.0.0.1, port 0, and a real HTTP client that sends request targets
 * verbatim (the core client, so that no query re-encoding happens on the way). Blocks the test thread only, with
 * bounded waits.
 */
final class ApiHarness {

    static final byte[] KEY = Base64.getDecoder().decode("c2VjcmV0LWtleS1mb3ItdGVzdHMtb25seS0wMTIzNDU2Nzg5");
    static final Instant NOW = Instant.parse("2026-11-23T23:40:46Z");
    static final long BODY_LIMIT = 4096;

    record Reply(int status, MultiMap headers, String body) {

        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(body);
        }
    }

    /** For the tests of other routes: a test that reaches the incoming call routes through it fails. */
    private static final IncomingCallUseCase NO_INCOMING_CALLS = (IncomingCallUseCase) Proxy.newProxyInstance(
            ApiHarness.class.getClassLoader(), new Class<?>[] {IncomingCallUseCase.class}, (proxy, method, args) -> {
                throw new AssertionError("this test drives no incoming calls");
            });

    private final HttpServer server;
    private final HttpClient client;
    private final Context context;

    private ApiHarness(HttpServer server, HttpClient client, Context context) {
        this.server = server;
        this.client = client;
        this.context = context;
    }

    static RestConfig config(Optional<String> publicHost) {
        return config(publicHost, java.util.Set.of());
    }

    /** With the proxies whose X-Forwarded-Host is believed (127.0.0.1: the tests' own client). */
    static RestConfig config(Optional<String> publicHost, java.util.Set<String> trustedProxies) {
        return new RestConfig(KEY, Duration.ofMinutes(5), publicHost, BODY_LIMIT, Clock.fixed(NOW, ZoneOffset.UTC),
                trustedProxies);
    }

    static ApiHarness start(Vertx vertx, CallUseCases useCases) throws Exception {
        return start(vertx, useCases, config(Optional.empty()));
    }

    static ApiHarness start(Vertx vertx, CallUseCases useCases, RestConfig config) throws Exception {
        return start(vertx, useCases, NO_INCOMING_CALLS, config);
    }

    static ApiHarness start(Vertx vertx, CallUseCases useCases, IncomingCallUseCase incomingCalls, RestConfig config)
            throws Exception {
        HttpServer server = vertx.createHttpServer()
                .requestHandler(AcsRestApi.router(vertx, useCases, incomingCalls, config))
                .listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS);
        return new ApiHarness(server, vertx.createHttpClient(), vertx.getOrCreateContext());
    }

    /** With the Identity API over {@code identity}. */
    static ApiHarness startWithIdentity(Vertx vertx, CallUseCases useCases, IdentityUseCase identity)
            throws Exception {
        HttpServer server = vertx.createHttpServer()
                .requestHandler(AcsRestApi.router(vertx, useCases, NO_INCOMING_CALLS, config(Optional.empty()),
                        Optional.empty(), io.switchboard.application.port.out.RepeatableResponses.NONE,
                        Optional.of(identity)))
                .listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS);
        return new ApiHarness(server, vertx.createHttpClient(), vertx.getOrCreateContext());
    }

    int port() {
        return server.actualPort();
    }

    Reply send(TestRequest request) throws Exception {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.valueOf(request.method))
                .setHost("127.0.0.1").setPort(port()).setURI(request.uri);
        if (request.signed) {
            String date = TestSigner.date(request.date.orElse(NOW));
            String hash = TestSigner.contentHash(request.signedBody.orElse(request.body));
            options.putHeader(request.dateHeader, date).putHeader("x-ms-content-sha256", hash);
            options.putHeader("Authorization", request.signature.map(TestSigner::authorizationHeader).orElse(
                    TestSigner.authorization(KEY, request.method, request.signedUri.orElse(request.uri), date,
                            request.signedHost.orElse("127.0.0.1:" + port()), hash)));
        }
        request.headers.forEach(options::putHeader);
        // The exchange runs on the event loop: a response must have its body handler set before its data
        // arrives, which a chain built from the test thread cannot guarantee.
        Promise<Reply> reply = Promise.promise();
        context.runOnContext(v -> client.request(options)
                .compose(req -> req.send(Buffer.buffer(request.body))
                        .compose(r -> r.body().map(b -> new Reply(r.statusCode(), r.headers(), b.toString()))))
                .onComplete(reply));
        return reply.future().await(5, TimeUnit.SECONDS);
    }
}
