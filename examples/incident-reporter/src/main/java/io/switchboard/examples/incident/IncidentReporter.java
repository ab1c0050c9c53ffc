package io.switchboard.examples.incident;

import io.switchboard.client.CallClient;
import io.switchboard.client.CallClientOptions;
import io.switchboard.client.CallbackHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IncidentReporter, the sample the origin API named: calls a list of people, plays an incident message, takes key 1
 * as acknowledgement, hangs up, and reports who was reached.
 *
 * <p>It drives the server with {@link CallClient} and receives the call events with {@link CallbackHandler} on its
 * own HTTP server, which also serves the generated prompt when no message URL is given.
 */
public final class IncidentReporter {

    private static final Pattern ACCESS_KEY = Pattern.compile("(?i)accesskey=([^;]+)");

    private IncidentReporter() {
    }

    public static void main(String[] args) {
        ReporterConfig config;
        try {
            config = ReporterConfig.parse(List.of(args), System.getenv());
        } catch (IllegalArgumentException | UncheckedIOException e) {
            System.err.println("incident-reporter: " + e.getMessage());
            System.err.print(ReporterConfig.USAGE);
            System.exit(2);
            return;
        }
        Vertx vertx = Vertx.vertx();
        int status = 0;
        try {
            Report report = run(vertx, config).toCompletableFuture().get();
            System.out.print(report.text());
            report.write(config.reportFile());
            System.out.println("Report written to " + config.reportFile().toAbsolutePath());
        } catch (Exception e) {
            System.err.println("incident-reporter: " + e.getMessage());
            status = 1;
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        }
        System.exit(status);
    }

    /**
     * Runs the campaign: starts the callback endpoint, calls everyone, and completes with the report once every
     * contact has a final outcome; the endpoint and the client are closed by then.
     *
     * @throws IllegalArgumentException if the connection string has no usable access key
     */
    static CompletionStage<Report> run(Vertx vertx, ReporterConfig config) {
        CallClient client = CallClient.create(vertx, config.connectionString(), CallClientOptions.defaults());
        Campaign campaign = new Campaign(vertx, client, config);
        Router router = Router.router(vertx);
        router.post("/callbacks").handler(CallbackHandler.create(signingKey(config.connectionString()),
                campaign.listener()));
        Buffer prompt = Buffer.buffer(PromptWav.alert());
        router.get("/prompt.wav").handler(rc -> rc.response().putHeader("Content-Type", "audio/wav").end(prompt));
        return vertx.createHttpServer().requestHandler(router).listen(config.listenPort(), config.listenHost())
                .compose(server -> {
                    URI base = config.publicUrl().orElse(URI.create("http://" + config.listenHost() + ":"
                            + server.actualPort()));
                    URI prompted = config.message().orElse(base.resolve("/prompt.wav"));
                    return Future.fromCompletionStage(campaign.run(base.resolve("/callbacks"), prompted))
                            .eventually(() -> closeAll(server, client));
                })
                .onFailure(e -> client.close()) // closing twice is harmless
                .toCompletionStage();
    }

    private static Future<Void> closeAll(HttpServer server, CallClient client) {
        client.close();
        return server.close();
    }

    /** Switchboard signs its callbacks with its access key: the one in the connection string. */
    static byte[] signingKey(String connectionString) {
        Matcher key = ACCESS_KEY.matcher(connectionString);
        return Optional.of(key).filter(Matcher::find).map(m -> Base64.getDecoder().decode(m.group(1).trim()))
                .orElseThrow(() -> new IllegalArgumentException("connection string: no accesskey"));
    }
}
