package io.switchboard.adapter.rest.acs;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;

import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The {@code Allow} header of a 405: the methods of the routes whose path matches the request's. A route's name is
 * its path template ({@code /calls/:callId}) or its regular expression, as Vert.x names routes.
 */
final class AllowedMethods {

    private static final Pattern PARAMETER = Pattern.compile(":[A-Za-z][A-Za-z0-9_]*");

    private AllowedMethods() {
    }

    static String of(Router router, String path) {
        TreeSet<String> allowed = new TreeSet<>();
        for (Route route : router.getRoutes()) {
            if (route.methods() == null || route.methods().isEmpty() || route.getName() == null) {
                continue; // a route for every method (authentication, version guard) allows nothing of its own
            }
            if (pattern(route).matcher(path).matches()) {
                route.methods().stream().map(HttpMethod::name).forEach(allowed::add);
            }
        }
        if (allowed.contains("GET")) {
            allowed.add("HEAD");
        }
        return String.join(", ", allowed);
    }

    private static Pattern pattern(Route route) {
        String name = route.getName();
        if (route.getPath() == null) {
            return Pattern.compile(name); // a regex route
        }
        StringBuilder regex = new StringBuilder();
        var parameters = PARAMETER.matcher(name);
        int at = 0;
        while (parameters.find()) {
            regex.append(Pattern.quote(name.substring(at, parameters.start()))).append("[^/]+");
            at = parameters.end();
        }
        return Pattern.compile(regex.append(Pattern.quote(name.substring(at))).toString());
    }
}
