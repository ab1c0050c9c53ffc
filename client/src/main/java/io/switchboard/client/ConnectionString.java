package io.switchboard.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.Locale;

/**
 * {@code endpoint=https://host[:port]/;accesskey=<base64>} as the official SDKs take it (keys in any case and order).
 *
 * @param basePath the endpoint's path without its trailing slash ({@code ""} for a server at the root)
 * @param host     the {@code host} the signature covers: host and port, the port left out when it is the scheme's
 *                 default (as the JS and .NET SDKs sign)
 */
record ConnectionString(URI endpoint, boolean tls, String hostName, int port, String host, String basePath,
                        byte[] accessKey) {

    static ConnectionString parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("connectionString: null (expected: endpoint=https://...;accesskey=...)");
        }
        String endpoint = null;
        String key = null;
        for (String part : text.split(";")) {
            int eq = part.indexOf('=');
            String name = eq < 0 ? part.trim() : part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            if (name.equals("endpoint")) {
                endpoint = part.substring(eq + 1).trim();
            } else if (name.equals("accesskey")) {
                key = part.substring(eq + 1).trim();
            }
        }
        if (endpoint == null || key == null) {
            String missing = endpoint == null ? "endpoint" : "accesskey";
            throw new IllegalArgumentException("connectionString: missing " + missing
                    + " (expected: endpoint=https://...;accesskey=...)");
        }
        return of(endpoint(endpoint), accessKey(key));
    }

    private static ConnectionString of(URI endpoint, byte[] key) {
        boolean tls = endpoint.getScheme().equalsIgnoreCase("https");
        int defaultPort = tls ? 443 : 80;
        int port = endpoint.getPort() == -1 ? defaultPort : endpoint.getPort();
        String host = endpoint.getHost() + (port == defaultPort ? "" : ":" + port);
        String path = endpoint.getRawPath() == null ? "" : endpoint.getRawPath();
        String basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return new ConnectionString(endpoint, tls, endpoint.getHost(), port, host, basePath, key);
    }

    private static URI endpoint(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme();
            if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || uri.getHost() == null) {
                throw new URISyntaxException(text, "not an absolute http or https URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("endpoint: " + text + " (expected: an http or https URL, e.g. "
                    + "https://example.communication.azure.com/)");
        }
    }

    private static byte[] accessKey(String base64) {
        try {
            byte[] key = Base64.getDecoder().decode(base64);
            if (key.length == 0) {
                throw new IllegalArgumentException("empty");
            }
            return key;
        } catch (IllegalArgumentException e) {
            // never echo the key itself
            throw new IllegalArgumentException("accesskey: (hidden) (expected: a non-empty base64 key)");
        }
    }

    @Override
    public String toString() {
        return "ConnectionString[endpoint=" + endpoint + ", accesskey=<hidden>]";
    }
}
