package dev.webwxbot.core.internal.http;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Makes URLs safe to log by replacing the values of the query parameters that carry session secrets with
 * {@code ***}. Parameter names are compared case-insensitively ({@code DeviceID}, {@code deviceid}). Stateless and
 * thread-safe.
 */
public final class Redactor {

    /** Names (lower case) whose values authenticate a session or identify an account. */
    private static final Set<String> SECRET_PARAMETERS = Set.of(
            "skey", "sid", "wxsid", "uin", "wxuin", "pass_ticket", "webwx_data_ticket", "webwx_auth_ticket", "ticket",
            "deviceid", "webwxuvid");

    static final String MASK = "***";

    private Redactor() {}

    /**
     * The URI as {@code scheme://host[:port]/path[?query]} with secret parameter values masked; user info and
     * fragment are dropped because neither is ever sent to the server.
     */
    public static String redactUri(URI uri) {
        StringBuilder out = new StringBuilder();
        if (uri.getScheme() != null) {
            out.append(uri.getScheme()).append("://");
        }
        if (uri.getHost() != null) {
            out.append(uri.getHost());
            if (uri.getPort() != -1) {
                out.append(':').append(uri.getPort());
            }
        }
        if (uri.getRawPath() != null) {
            out.append(uri.getRawPath());
        }
        if (uri.getRawQuery() != null) {
            out.append('?').append(redactQuery(uri.getRawQuery()));
        }
        return out.toString();
    }

    /** A raw query string ({@code a=1&skey=@crypt_x}) with secret parameter values masked, order kept. */
    public static String redactQuery(String query) {
        StringBuilder out = new StringBuilder(query.length());
        int start = 0;
        while (start <= query.length()) {
            int end = query.indexOf('&', start);
            if (end < 0) {
                end = query.length();
            }
            if (start > 0) {
                out.append('&');
            }
            out.append(redactParameter(query.substring(start, end)));
            start = end + 1;
        }
        return out.toString();
    }

    private static String redactParameter(String parameter) {
        int equals = parameter.indexOf('=');
        if (equals < 0) {
            return parameter;
        }
        String name = parameter.substring(0, equals);
        return isSecret(name) ? name + "=" + MASK : parameter;
    }

    /**
     * A {@code Set-Cookie} value with the cookie's value masked and its attributes kept: every cookie the server sets
     * is either a credential ({@code wxsid}, {@code wxuin}, {@code webwx_data_ticket}, {@code webwx_auth_ticket}) or
     * tied to the session, so none is worth keeping.
     */
    public static String redactSetCookie(String header) {
        int equals = header.indexOf('=');
        int semicolon = header.indexOf(';');
        if (equals < 0 || (semicolon >= 0 && semicolon < equals)) {
            return header;
        }
        return header.substring(0, equals + 1) + MASK + (semicolon < 0 ? "" : header.substring(semicolon));
    }

    /** Whether a parameter, JSON key or XML tag of this name carries a secret ({@code Skey}, {@code DeviceID}...). */
    static boolean isSecret(String name) {
        return SECRET_PARAMETERS.contains(name.trim().toLowerCase(Locale.ROOT));
    }
}
