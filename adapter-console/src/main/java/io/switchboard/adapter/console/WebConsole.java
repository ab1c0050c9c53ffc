package io.switchboard.adapter.console;

import io.switchboard.application.port.in.CreateCallCommand;
import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.CallbackTarget;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.call.EventSchema;
import io.switchboard.domain.connection.CallSetup;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.CommunicationUserIdentifier;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The web console at {@code /console}: live calls, each call's story (its events and every delivery attempt, from the
 * durable event history), the key figures with their last ten minutes, the settings in force; and the actions an
 * operator needs: hang up a call, resend an event given up, place a test call to a sandbox phone. Plain HTML and
 * JavaScript served from the jar (nothing fetched from elsewhere at run time); its data under {@code /console/api/}
 * needs a session opened with the access key ({@link ConsoleSessions}). Errors are JSON:
 * {@code {"error":{"code","message"}}}.
 */
public final class WebConsole {

    /** Sandbox phones and users only: the console never dials a real number. */
    static final String SANDBOX_TARGET = "\\+1555010[0-9]{4}|8:acs:sandbox_[A-Za-z0-9_\\-]{1,64}";
    private static final System.Logger LOG = System.getLogger(WebConsole.class.getName());
    private static final int MAX_SHOWN = 80;

    private final Vertx vertx;
    private final ConsoleSources sources;
    private final ConsoleSessions sessions;
    private final FigureHistory figures;
    private final CallRequestLog requests;
    private final Clock clock;

    private WebConsole(Vertx vertx, ConsoleSources sources, Clock clock) {
        this.vertx = vertx;
        this.sources = sources;
        this.sessions = new ConsoleSessions(sources.accessKey(), clock);
        this.figures = new FigureHistory(sources.figures(), clock);
        this.requests = new CallRequestLog(clock);
        this.clock = clock;
    }

    /**
     * A console over {@code sources}; it starts sampling the figures now (until the Vert.x instance closes). One
     * console serves every router it is {@linkplain #mount(Router) mounted} on (one per event loop): they share its
     * sessions and figures.
     */
    public static WebConsole create(Vertx vertx, ConsoleSources sources) {
        return create(vertx, sources, Clock.systemUTC());
    }

    static WebConsole create(Vertx vertx, ConsoleSources sources, Clock clock) {
        WebConsole console = new WebConsole(vertx, sources, clock);
        console.figures.sample();
        vertx.setPeriodic(FigureHistory.INTERVAL_MILLIS, id -> console.figures.sample());
        return console;
    }

    /**
     * Adds the console's routes to {@code router}, and a first route that notes the API requests made on calls (for
     * their timelines); mount before any catch-all route.
     */
    public void mount(Router router) {
        router.route().order(-1).handler(requests::handle);
        router.route("/console/*").handler(rc -> {
            rc.response().putHeader("X-Frame-Options", "DENY").putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
            rc.next();
        });
        LiveFeed feed = new LiveFeed(vertx, sources, figures, clock, sessions::admits);
        router.route("/console/api/*").handler(BodyHandler.create(false).setBodyLimit(4096));
        router.post("/console/api/session").handler(this::login);
        router.delete("/console/api/session").handler(rc -> {
            sessions.logout(rc);
            rc.response().setStatusCode(204).end();
        });
        router.route("/console/api/*").handler(this::admit);
        router.get("/console/api/calls").handler(feed::page);
        router.get("/console/api/live").handler(feed::stream);
        router.get("/console/api/calls/:callId").handler(this::call);
        router.post("/console/api/calls/:callId/hangup").handler(this::hangUp);
        router.post("/console/api/calls/:callId/events/:seq/resend").handler(this::resend);
        router.post("/console/api/test-calls").handler(this::testCall);
        router.get("/console/api/figures").handler(rc -> json(rc, 200, new JsonObject()
                .put("now", figures.now()).put("samples", figures.samples())));
        router.get("/console/api/settings").handler(rc -> json(rc, 200, new JsonObject(
                new java.util.TreeMap<>(sources.settings()))));
        router.route("/console/api/*").handler(rc -> error(rc, 404, "NotFound", "no such console resource: "
                + cut(rc.request().path())));
        router.route("/console/api/*").failureHandler(WebConsole::failed);
        // where the test calls' events go: taken and dropped (their history is the journal's)
        router.post("/console/events").handler(rc -> rc.response().setStatusCode(204).end());
        router.get("/console").handler(rc -> { // Vert.x matches "/console/" here too: only the bare path moves
            if (rc.request().path().equals("/console")) {
                rc.redirect("/console/");
            } else {
                rc.next();
            }
        });
        router.route("/console/*").handler(StaticHandler.create("console").setDirectoryListing(false)
                .setIndexPage("index.html").setCachingEnabled(false));
        router.route("/console/*").handler(rc -> error(rc, 404, "NotFound", "no such console page: "
                + cut(rc.request().path())));
    }

    private void login(RoutingContext rc) {
        String key = body(rc).getString("accessKey", "");
        if (sessions.login(rc, key)) {
            LOG.log(Level.INFO, "console: session opened from " + rc.request().remoteAddress().hostAddress());
            rc.response().setStatusCode(204).end();
        } else {
            error(rc, 401, "Unauthorized", "accessKey: not this server's access key (expected: the base64 key of "
                    + "the connection string)");
        }
    }

    private void admit(RoutingContext rc) {
        if (sessions.admits(rc)) {
            rc.next();
        } else {
            error(rc, 401, "Unauthorized", "no console session (expected: POST /console/api/session with the "
                    + "access key first)");
        }
    }

    private void call(RoutingContext rc) {
        CallConnectionId id = CallConnectionId.of(rc.pathParam("callId"));
        reply(rc, sources.calls().getCall(id).thenCompose(call -> sources.history().events(id)
                .thenApply(events -> new JsonObject().put("call", CallViews.summary(call, clock.instant(),
                                sources.codecs()))
                        .put("events", CallViews.events(events)).put("requests", requests.of(id.value())))),
                view -> view);
    }

    private void hangUp(RoutingContext rc) {
        CallConnectionId id = CallConnectionId.of(rc.pathParam("callId"));
        LOG.log(Level.INFO, "console: hang-up of call " + id.value() + " asked");
        reply(rc, sources.hangUp().hangUp(id), call -> CallViews.summary(call, clock.instant(), sources.codecs()));
    }

    private void resend(RoutingContext rc) {
        CallConnectionId id = CallConnectionId.of(rc.pathParam("callId"));
        String seq = rc.pathParam("seq");
        if (!seq.matches("[1-9][0-9]{0,17}")) {
            throw new IllegalArgumentException("seq: " + cut(seq) + " (expected: an event's sequence number)");
        }
        LOG.log(Level.INFO, "console: resend of event " + seq + " of call " + id.value() + " asked");
        reply(rc, sources.resend().resend(id, Long.parseLong(seq)), done -> new JsonObject().put("resent", true));
    }

    private void testCall(RoutingContext rc) {
        String target = body(rc).getString("target", "");
        if (!target.matches(SANDBOX_TARGET)) {
            throw new IllegalArgumentException("target: " + cut(target) + " (expected: a sandbox phone or user, "
                    + "e.g. +15550100001 or 8:acs:sandbox_alice)");
        }
        CommunicationIdentifier callee = CommunicationIdentifier.parseRawId(target.startsWith("+")
                ? "4:" + target : target);
        CallSetup setup = new CallSetup(Optional.of(new CommunicationUserIdentifier("8:acs:switchboard_console")),
                Optional.empty(), Optional.of("console test call"),
                new CallbackTarget(sources.testCalls().get(), EventSchema.GA), Set.of(), Optional.empty());
        reply(rc, sources.createCall().createCall(new CreateCallCommand(java.util.List.of(callee), setup,
                Optional.empty())), call -> CallViews.summary(call, clock.instant(), sources.codecs()));
    }

    /** Answers with {@code view} of the use case's result, on the request's event loop; failures go to the handler. */
    private static <T> void reply(RoutingContext rc, CompletionStage<T> work, Function<T, JsonObject> view) {
        Future.fromCompletionStage(work, rc.vertx().getOrCreateContext())
                .map(view::apply)
                .onSuccess(body -> json(rc, 200, body))
                .onFailure(failure -> rc.fail(failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure));
    }

    private static JsonObject body(RoutingContext rc) {
        try {
            JsonObject body = rc.body().asJsonObject();
            if (body == null) {
                throw new IllegalArgumentException("body: empty (expected: a JSON object)");
            }
            return body;
        } catch (DecodeException | ClassCastException e) {
            throw new IllegalArgumentException("body: not a JSON object (expected: e.g. "
                    + "{\"target\":\"+15550100001\"})");
        }
    }

    private static void failed(RoutingContext rc) {
        Throwable failure = rc.failure();
        if (failure instanceof IllegalArgumentException) {
            error(rc, 400, "BadRequest", failure.getMessage());
        } else if (failure instanceof CallAutomationException e) {
            error(rc, e.code() == ErrorCode.CALL_NOT_FOUND ? 404 : 400, e.code().name(), e.getMessage());
        } else if (rc.statusCode() > 0 && failure == null) {
            error(rc, rc.statusCode(), "Error", "the request failed");
        } else {
            LOG.log(Level.WARNING, "console: " + rc.request().method() + " " + rc.request().path() + " failed: "
                    + failure);
            error(rc, 500, "InternalError", "the console request failed; see the server log");
        }
    }

    static void json(RoutingContext rc, int status, JsonObject body) {
        if (!rc.response().ended()) {
            rc.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", "no-store").end(body.encode());
        }
    }

    static void error(RoutingContext rc, int status, String code, String message) {
        json(rc, status, new JsonObject().put("error", new JsonObject().put("code", code).put("message", message)));
    }

    /** A value as quoted in an error: cut to a readable length. */
    static String cut(String value) {
        return value.length() <= MAX_SHOWN ? value : value.substring(0, MAX_SHOWN) + "...";
    }
}
