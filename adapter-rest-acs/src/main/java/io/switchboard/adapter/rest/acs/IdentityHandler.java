package io.switchboard.adapter.rest.acs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.application.port.in.IdentityUseCase;
import io.switchboard.application.port.in.IdentityUseCase.IssuedToken;
import io.switchboard.application.port.in.IssueTokenCommand;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The ACS Identity API ({@code @azure/communication-identity}), signed like the rest: create a user
 * ({@code POST /identities}, optionally with a token), issue a token ({@code POST /identities/{id}/:issueAccessToken}),
 * revoke a user's tokens, delete a user. Exchanging a Teams user's token is refused: there is no Teams here.
 */
final class IdentityHandler {

    static final List<String> VERSIONS = List.of("2021-03-07", "2022-06-01", "2022-10-01", "2023-08-01",
            "2023-10-01", "2025-06-30");
    private static final String USER = "/identities/(?<id>[^/]+)"; // ids have colons: 8:acs:...

    private final IdentityUseCase identity;

    private IdentityHandler(IdentityUseCase identity) {
        this.identity = identity;
    }

    static void mount(Router router, IdentityUseCase identity) {
        IdentityHandler handler = new IdentityHandler(identity);
        router.route("/identities*").handler(IdentityHandler::requireVersion);
        router.route("/teamsUser*").handler(IdentityHandler::requireVersion);
        router.post("/identities").handler(handler::create);
        router.deleteWithRegex(USER).handler(handler::delete);
        router.postWithRegex(USER + "/:issueAccessToken").handler(handler::issue);
        router.postWithRegex(USER + "/:revokeAccessTokens").handler(handler::revoke);
        Handler<RoutingContext> teams = rc -> {
            throw new IllegalArgumentException("teamsUser: not supported (expected: users of this server; there "
                    + "is no Microsoft Teams here)");
        };
        router.postWithRegex("/teamsUser/:exchangeAccessToken").handler(teams);
    }

    private static void requireVersion(RoutingContext rc) {
        List<String> versions = rc.queryParam("api-version");
        if (versions.isEmpty() || !VERSIONS.contains(versions.get(0)) && !versions.get(0).endsWith("-preview")) {
            throw new IllegalArgumentException("api-version: " + (versions.isEmpty() ? "missing" : versions.get(0))
                    + " (expected: one of " + VERSIONS + ")");
        }
        rc.next();
    }

    private void create(RoutingContext rc) {
        ObjectNode body = JsonRequest.optionalObject(rc);
        List<JsonNode> scopes = JsonRequest.array(body, "createTokenWithScopes", "", false);
        Optional<IssueTokenCommand> token = scopes.isEmpty() ? Optional.empty()
                : Optional.of(command(body, scopes, "createTokenWithScopes"));
        Replies.json(rc, identity.createUser(token), 201, created -> {
            ObjectNode reply = JsonRequest.MAPPER.createObjectNode();
            reply.putObject("identity").put("id", created.user().id());
            created.token().ifPresent(issued -> reply.set("accessToken", token(issued)));
            return reply;
        });
    }

    private void issue(RoutingContext rc) {
        ObjectNode body = JsonRequest.object(rc);
        IssueTokenCommand command = command(body, JsonRequest.array(body, "scopes", "", true), "scopes");
        Replies.json(rc, identity.issueToken(rc.pathParam("id"), command), 200, IdentityHandler::token);
    }

    private void revoke(RoutingContext rc) {
        Replies.empty(rc, identity.revokeTokens(rc.pathParam("id")), 204);
    }

    private void delete(RoutingContext rc) {
        Replies.empty(rc, identity.deleteUser(rc.pathParam("id")), 204);
    }

    private static IssueTokenCommand command(JsonNode body, List<JsonNode> scopes, String field) {
        List<String> names = scopes.stream().map(scope -> {
            if (!scope.isTextual()) {
                throw new IllegalArgumentException(field + ": " + scope + " (expected: scope names such as voip)");
            }
            return scope.textValue();
        }).toList();
        int minutes = JsonRequest.integer(body, "expiresInMinutes", "", 60, 1440).orElse(1440);
        return new IssueTokenCommand(names, Duration.ofMinutes(minutes), field);
    }

    private static ObjectNode token(IssuedToken issued) {
        return JsonRequest.MAPPER.createObjectNode().put("token", issued.token())
                .put("expiresOn", issued.expiresOn().toString());
    }
}
