package io.switchboard.adapter.rest.acs;

import io.switchboard.application.port.in.CallHistoryUseCase;
import io.switchboard.application.port.in.CallUseCases;
import io.switchboard.application.port.in.IdentityUseCase;
import io.switchboard.application.port.in.IncomingCallUseCase;
import io.switchboard.application.port.out.RepeatableResponses;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.Optional;

/**
 * The ACS-shaped HTTP API: the origin "In-Call APIs" ({@code /calls/...}, 2021 preview shape) and the GA Call
 * Automation API ({@code /calling/...}, see {@link GaRoutes}; its calls send GA events), authenticated with ACS
 * access-key HMAC-SHA256 signatures.
 *
 * <p>Every request goes through, in order: correlation id and response headers, body (at most
 * {@link RestConfig#bodyLimitBytes()}, else 413), authentication (401), then its resource's handler; all
 * failures end in one failure handler. Handlers run on the event loop and never block: use cases return
 * {@code CompletionStage}s whose results are taken back onto the request's context.
 */
public final class AcsRestApi {

    private static final String SIGNED_METHOD = "switchboard.signedMethod";

    private AcsRestApi() {
    }

    /**
     * Builds the router; mount it as an HTTP server's request handler. The endpoint has no path prefix.
     *
     * @param useCases      the application core's use cases (thread-safe, non-blocking)
     * @param incomingCalls what the core does with calls ringing here (likewise)
     */
    public static Router router(Vertx vertx, CallUseCases useCases, IncomingCallUseCase incomingCalls,
                                RestConfig config) {
        return router(vertx, useCases, incomingCalls, config, Optional.empty(), RepeatableResponses.NONE);
    }

    /**
     * As {@link #router(Vertx, CallUseCases, IncomingCallUseCase, RestConfig)}, with the calls' event histories
     * served at {@code GET /switchboard/calls/{callConnectionId}/events} (an extension; see
     * {@link EventHistoryHandler}), and the first responses of repeatable requests kept in {@code kept} (read from
     * it once, by the first router of the Vert.x instance).
     */
    public static Router router(Vertx vertx, CallUseCases useCases, IncomingCallUseCase incomingCalls,
                                RestConfig config, Optional<CallHistoryUseCase> history, RepeatableResponses kept) {
        return router(vertx, useCases, incomingCalls, config, history, kept, Optional.empty());
    }

    /**
     * As {@link #router(Vertx, CallUseCases, IncomingCallUseCase, RestConfig, Optional, RepeatableResponses)}, with
     * the ACS Identity API ({@code /identities}, see {@link IdentityHandler}) when {@code identity} is present.
     */
    public static Router router(Vertx vertx, CallUseCases useCases, IncomingCallUseCase incomingCalls,
                                RestConfig config, Optional<CallHistoryUseCase> history, RepeatableResponses kept,
                                Optional<IdentityUseCase> identity) {
        Router router = Router.router(vertx);
        // HEAD is answered as GET would be, without the body (the HTTP server leaves it out); it stays signed as HEAD
        router.route().method(HttpMethod.HEAD).handler(rc -> {
            rc.put(SIGNED_METHOD, "HEAD");
            rc.reroute(HttpMethod.GET, rc.request().uri());
        });
        router.route().handler(new RequestIdHandler());
        router.get("/openapi/:document").handler(OpenApiDocuments::serve); // before authentication: public
        router.route().handler(BodyHandler.create(false).setBodyLimit(config.bodyLimitBytes()));
        router.route().handler(new HmacAuthHandler(config));
        originRoutes(router, useCases);
        GaRoutes.mount(router, vertx, useCases, incomingCalls, config.clock(), kept);
        identity.ifPresent(users -> IdentityHandler.mount(router, users));
        history.ifPresent(events -> router.get("/switchboard/calls/:callId/events")
                .handler(new EventHistoryHandler(events, useCases.getCall())::list));
        FailureHandler ga = new FailureHandler((status, code, message) -> GaJson.error(code, message),
                config.bodyLimitBytes());
        FailureHandler origin = new FailureHandler((status, code, message) -> OriginJson.error(code, message),
                config.bodyLimitBytes());
        FailureHandler objects = new FailureHandler(GaJson::objectError, config.bodyLimitBytes());
        router.route("/calling*").failureHandler(ga);
        router.route("/switchboard*").failureHandler(ga);
        router.route("/identities*").failureHandler(ga);
        router.route("/teamsUser*").failureHandler(ga);
        router.route("/v1/objects*").failureHandler(objects);
        router.route().failureHandler(origin);
        // no route matched: the flavour is told by the path alone
        Handler<RoutingContext> unmatched = rc -> (isObject(rc) ? objects : isGa(rc) ? ga : origin).handle(rc);
        router.errorHandler(404, unmatched);
        router.errorHandler(405, rc -> {
            rc.response().putHeader("Allow", AllowedMethods.of(router, rc.request().path()));
            unmatched.handle(rc);
        });
        return router;
    }

    /** The method the client signed: the request's, or HEAD for a HEAD answered as a GET. */
    static String signedMethod(RoutingContext rc) {
        String head = rc.get(SIGNED_METHOD);
        return head != null ? head : rc.request().method().name();
    }

    private static boolean isGa(RoutingContext rc) {
        String path = rc.request().path();
        return path.startsWith("/calling") || path.startsWith("/switchboard") || path.startsWith("/identities")
                || path.startsWith("/teamsUser");
    }

    private static boolean isObject(RoutingContext rc) {
        return rc.request().path().startsWith("/v1/objects");
    }

    private static void originRoutes(Router router, CallUseCases useCases) {
        OriginCallHandler calls = new OriginCallHandler(useCases.createCall(), useCases.hangUp(), useCases.getCall());
        OriginMediaHandler media = new OriginMediaHandler(useCases.playAudio(), useCases.cancelMedia());
        OriginParticipantHandler participants =
                new OriginParticipantHandler(useCases.inviteParticipants(), useCases.removeParticipant());
        router.post("/calls").handler(calls::create);
        router.get("/calls/:callId").handler(calls::get);
        router.post("/calls/:callId/Hangup").handler(calls::hangUp);
        router.post("/calls/:callId/PlayAudio").handler(media::play);
        router.post("/calls/:callId/CancelMediaProcessing").handler(media::cancel);
        router.post("/calls/:callId/participants").handler(participants::invite);
        router.delete("/calls/:callId/participants/:participantId").handler(participants::remove);
    }
}
