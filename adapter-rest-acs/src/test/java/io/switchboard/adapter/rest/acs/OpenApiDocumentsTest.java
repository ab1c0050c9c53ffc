package io.switchboard.adapter.rest.acs;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.switchboard.application.fakes.TestCore;
import io.switchboard.application.port.in.CallHistoryUseCase;
import io.switchboard.application.port.in.IdentityUseCase;
import io.switchboard.application.port.in.IncomingCallUseCase;
import io.switchboard.application.port.out.RepeatableResponses;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI documents the server serves, read by swagger-parser as tools would read them, and held against the
 * router: every route of a flavour is in its document, and the document has no operation the router lacks.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class OpenApiDocumentsTest {

    private Router router;
    private HttpServer server;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        router = AcsRestApi.router(vertx, new TestCore().useCases(), unused(IncomingCallUseCase.class),
                ApiHarness.config(Optional.empty()), Optional.of(unused(CallHistoryUseCase.class)),
                RepeatableResponses.NONE, Optional.of(unused(IdentityUseCase.class)));
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS);
    }

    @Test
    void eachFlavoursDocumentIsServedWithoutASignatureAndReadsWithoutAProblem() throws Exception {
        for (String flavour : new String[] {"ga", "origin"}) {
            // when
            HttpResponse<String> reply = get("/openapi/" + flavour + ".yaml");
            SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(reply.body());

            // then
            assertThat(reply.statusCode()).isEqualTo(200);
            assertThat(reply.headers().firstValue("Content-Type")).contains("application/yaml; charset=utf-8");
            assertThat(parsed.getMessages()).as(flavour).isEmpty();
            assertThat(parsed.getOpenAPI().getOpenapi()).startsWith("3.0");
        }
        assertThat(get("/openapi/none.yaml").statusCode()).isEqualTo(404);
    }

    @Test
    void theDocumentsDescribeExactlyTheRoutesOfTheirFlavour() throws Exception {
        // given
        Set<String> ga = operations(get("/openapi/ga.yaml").body());
        Set<String> origin = operations(get("/openapi/origin.yaml").body());
        Set<String> routed = new TreeSet<>();
        for (Route route : router.getRoutes()) {
            if (route.methods() != null && !route.methods().isEmpty() && route.getName() != null
                    && !route.getName().contains("(?<action>") && !route.getName().startsWith("/openapi")) {
                route.methods().forEach(method -> routed.add(method.name() + " " + template(route)));
            }
        }

        // then
        Set<String> documented = new TreeSet<>(ga);
        documented.addAll(origin);
        assertThat(documented).containsExactlyInAnyOrderElementsOf(routed);
        assertThat(origin).allMatch(operation -> operation.contains(" /calls"));
        assertThat(ga).noneMatch(operation -> operation.contains(" /calls"));
    }

    /** Each operation of a document as {@code METHOD /path/{}}, its parameters unnamed. */
    private static Set<String> operations(String yaml) {
        OpenAPI api = new OpenAPIV3Parser().readContents(yaml).getOpenAPI();
        Set<String> operations = new TreeSet<>();
        for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
            path.getValue().readOperationsMap().keySet().forEach(method -> operations.add(
                    method.name().toUpperCase(Locale.ROOT) + " " + path.getKey().replaceAll("\\{[^}]+}", "{}")));
        }
        return operations;
    }

    /** A route's path template: {@code :name} and named regex groups as {@code {}}. */
    private static String template(Route route) {
        String name = route.getName();
        return route.getPath() != null ? name.replaceAll(":[A-Za-z][A-Za-z0-9_]*", "{}")
                : name.replaceAll("\\(\\?<[A-Za-z]+>[^)]*\\)", "{}");
    }

    /** Over HTTP/1.1: the JDK client would otherwise offer an h2c upgrade, which these tests are not about. */
    private HttpResponse<String> get(String path) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A use case these tests never call: they only build the routes. */
    private static <T> T unused(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            throw new UnsupportedOperationException(method.getName());
        }));
    }
}
