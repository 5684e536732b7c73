package dev.webwxbot.core.internal.http;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One parsed {@code Set-Cookie} header value, before the jar applies the request's host and path (RFC 6265 section
 * 5.2). Attribute names are case-insensitive; when an attribute repeats, the last one wins; {@code Max-Age} wins over
 * {@code Expires} wherever it appears. Immutable.
 *
 * @param domain the Domain attribute, lower case, leading dot removed; empty when absent (host-only cookie)
 * @param path   the Path attribute when it starts with {@code /}; empty means "use the default path"
 * @param expiry when the cookie expires; empty for a session cookie; a time in the past means "delete it"
 */
record SetCookie(String name, String value, Optional<String> domain, Optional<String> path,
                 Optional<Instant> expiry, boolean secure, boolean httpOnly) {

    /** Keeps {@code now + Max-Age} representable; nobody means a cookie to outlive this. */
    private static final long MAX_AGE_CAP_SECONDS = Duration.ofDays(365L * 100).toSeconds();
    private static final Pattern MAX_AGE = Pattern.compile("-?[0-9]+");

    /** The cookie, or empty when the header is one a user agent must ignore (no {@code =}, empty name). */
    static Optional<SetCookie> parse(String header, Instant now) {
        String[] parts = header.split(";", -1);
        String pair = parts[0];
        int equals = pair.indexOf('=');
        if (equals < 0) {
            return Optional.empty();
        }
        String name = pair.substring(0, equals).strip();
        String value = pair.substring(equals + 1).strip();
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> domain = Optional.empty();
        Optional<String> path = Optional.empty();
        Optional<Instant> expires = Optional.empty();
        Optional<Instant> maxAge = Optional.empty();
        boolean secure = false;
        boolean httpOnly = false;
        for (int i = 1; i < parts.length; i++) {
            String attribute = parts[i];
            int eq = attribute.indexOf('=');
            String attributeName = (eq < 0 ? attribute : attribute.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
            String attributeValue = eq < 0 ? "" : attribute.substring(eq + 1).strip();
            switch (attributeName) {
                case "expires" -> {
                    Optional<Instant> parsed = CookieDates.parse(attributeValue);
                    if (parsed.isPresent()) {
                        expires = parsed;
                    }
                }
                case "max-age" -> {
                    Optional<Instant> parsed = maxAge(attributeValue, now);
                    if (parsed.isPresent()) {
                        maxAge = parsed;
                    }
                }
                case "domain" -> {
                    if (!attributeValue.isEmpty()) {
                        String cleaned = attributeValue.startsWith(".") ? attributeValue.substring(1) : attributeValue;
                        domain = Optional.of(cleaned.toLowerCase(Locale.ROOT));
                    }
                }
                case "path" -> path = attributeValue.startsWith("/") ? Optional.of(attributeValue) : Optional.empty();
                case "secure" -> secure = true;
                case "httponly" -> httpOnly = true;
                default -> { } // SameSite, Priority, Version...: nothing a non-browser client acts on
            }
        }
        Optional<Instant> expiry = maxAge.isPresent() ? maxAge : expires;
        return Optional.of(new SetCookie(name, value, domain, path, expiry, secure, httpOnly));
    }

    /** RFC 6265 5.2.2: an optional minus and digits only; zero or negative means "already expired". */
    private static Optional<Instant> maxAge(String text, Instant now) {
        if (!MAX_AGE.matcher(text).matches()) {
            return Optional.empty();
        }
        if (text.startsWith("-")) {
            return Optional.of(Instant.EPOCH);
        }
        long seconds;
        try {
            seconds = Math.min(Long.parseLong(text), MAX_AGE_CAP_SECONDS);
        } catch (NumberFormatException e) {
            seconds = MAX_AGE_CAP_SECONDS; // more digits than a long holds
        }
        return Optional.of(seconds == 0 ? Instant.EPOCH : now.plusSeconds(seconds));
    }
}
