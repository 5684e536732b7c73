package dev.webwxbot.emulator.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code Cookie} headers and writes {@code Set-Cookie} lines in the exact shape of the captures (PROTOCOL.md
 * 2.5), less what a client could not take back: no {@code Domain} for a loopback client (a cookie jar on
 * {@code 127.0.0.1} rejects {@code Domain=wx.qq.com}) and no {@code Secure} over plain HTTP (a jar withholds Secure
 * cookies from {@code http://}), unless the operator asks for them ({@link EmulatorSettings}).
 */
final class CookieCodec {
    private static final int MAX_COOKIES = 128;

    /** {@code Mon, 31-Dec-2018 11:12:21 GMT}: the dashed date form the real server uses. */
    private static final DateTimeFormatter EXPIRES =
            DateTimeFormatter.ofPattern("EEE, dd-MMM-yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private CookieCodec() {
    }

    /** Name to value, first occurrence wins (the browser sends the most specific cookie first). */
    static Map<String, String> parse(List<String> cookieHeaders) {
        Map<String, String> cookies = new LinkedHashMap<>();
        for (String header : cookieHeaders) {
            for (String part : header.split(";")) {
                if (cookies.size() >= MAX_COOKIES) {
                    return cookies;
                }
                String pair = part.trim();
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    cookies.putIfAbsent(pair.substring(0, eq).trim(), unquote(pair.substring(eq + 1).trim()));
                }
            }
        }
        return cookies;
    }

    /** Which of the captured attributes a client gets: {@code Domain} (else host-only) and {@code Secure}. */
    record Attributes(boolean domain, boolean secure) {
        static Attributes of(ClientOrigin origin, EmulatorSettings settings) {
            return new Attributes(settings.cookieDomainsFor(origin), settings.secureCookiesFor(origin));
        }
    }

    /** {@code name=value; Domain=…; Path=/; Expires=…; Secure}, as in the captures, with the attributes asked for. */
    static String setCookie(String name, String value, String domain, Instant expires, Attributes attributes) {
        return name + "=" + value + (attributes.domain() ? "; Domain=" + domain : "") + "; Path=/; Expires="
                + EXPIRES.format(expires) + (attributes.secure() ? "; Secure" : "");
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
