package dev.webwxbot.core.internal.http;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The cookies of one session, kept by the rules of RFC 6265 so that a cookie set by {@code wx2.qq.com} with
 * {@code Domain=wx2.qq.com} also reaches {@code webpush.wx2.qq.com} and {@code file.wx2.qq.com}, and one with
 * {@code Domain=.qq.com} reaches all of them (PROTOCOL.md 1.5). Cookies are identified by name, domain and path;
 * storing one again replaces it but keeps its creation time, which orders the {@code Cookie} header.
 *
 * <p>Deliberate gaps: there is no public-suffix list, so only a Domain without any dot ({@code com}) is refused as
 * too broad; {@code SameSite} and the RFC 6265bis prefixes are ignored because nothing here is a browser.
 *
 * <p>Thread-safe: all state is guarded by one private lock, held only for in-memory work. Nothing to close.
 */
public final class CookieJar {

    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

    /** Longer paths first, then earlier creation (RFC 6265 5.4 step 2); the sort is stable for ties. */
    private static final Comparator<StoredCookie> SEND_ORDER = Comparator
            .comparingInt((StoredCookie cookie) -> -cookie.path().length())
            .thenComparing(StoredCookie::created);

    private final Clock clock;
    private final Object lock = new Object();
    /** Insertion-ordered so that cookies created in the same instant keep the order the server sent them in. */
    private final Map<Key, StoredCookie> cookies = new LinkedHashMap<>();

    public CookieJar() {
        this(Clock.systemUTC());
    }

    /** A jar that reads the time from {@code clock}, for tests of expiry. */
    public CookieJar(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Applies the {@code Set-Cookie} values of a response to {@code requestUri}. Values that are malformed, or whose
     * Domain does not domain-match the request host, are ignored, as a browser ignores them.
     */
    public void store(URI requestUri, List<String> setCookieHeaderValues) {
        String host = hostOf(requestUri);
        String requestPath = requestUri.getRawPath() == null ? "" : requestUri.getRawPath();
        Instant now = clock.instant();
        synchronized (lock) {
            for (String header : setCookieHeaderValues) {
                SetCookie.parse(header, now).ifPresent(parsed -> accept(parsed, host, requestPath, now));
            }
        }
    }

    /**
     * The {@code Cookie} header value for a request to {@code requestUri} ({@code "a=1; b=2"}), or empty when no
     * cookie applies: domain and path must match, the cookie must be unexpired, and a Secure cookie goes only over
     * {@code https}.
     */
    public Optional<String> cookieHeader(URI requestUri) {
        String host = hostOf(requestUri);
        String path = requestUri.getRawPath() == null || requestUri.getRawPath().isEmpty()
                ? "/" : requestUri.getRawPath();
        boolean secureChannel = "https".equalsIgnoreCase(requestUri.getScheme());
        List<StoredCookie> matching = new ArrayList<>();
        synchronized (lock) {
            for (StoredCookie cookie : live()) {
                if (appliesToHost(cookie, host) && pathMatches(path, cookie.path())
                        && (!cookie.secure() || secureChannel)) {
                    matching.add(cookie);
                }
            }
        }
        if (matching.isEmpty()) {
            return Optional.empty();
        }
        matching.sort(SEND_ORDER);
        StringBuilder header = new StringBuilder();
        for (StoredCookie cookie : matching) {
            if (!header.isEmpty()) {
                header.append("; ");
            }
            header.append(cookie.name()).append('=').append(cookie.value());
        }
        return Optional.of(header.toString());
    }

    /**
     * The value of the cookie called {@code name} that a request to {@code host} would carry (any path, Secure or
     * not), e.g. {@code value("webwx_data_ticket", "file.wx2.qq.com")} for an upload form field.
     */
    public Optional<String> value(String name, String host) {
        String canonicalHost = host.toLowerCase(Locale.ROOT);
        synchronized (lock) {
            return live().stream()
                    .filter(cookie -> cookie.name().equals(name) && appliesToHost(cookie, canonicalHost))
                    .sorted(SEND_ORDER)
                    .map(StoredCookie::value)
                    .findFirst();
        }
    }

    /** Every unexpired cookie, session cookies included, in creation order: what a saved session keeps. */
    public List<StoredCookie> all() {
        synchronized (lock) {
            return List.copyOf(live());
        }
    }

    /** Replaces the whole content with {@code saved} (already expired ones are dropped). */
    public void restore(List<StoredCookie> saved) {
        synchronized (lock) {
            cookies.clear();
            for (StoredCookie cookie : saved) {
                put(cookie);
            }
        }
    }

    /** Adds or replaces one cookie, as push login does when it rebuilds a minimal cookie set. */
    public void put(StoredCookie cookie) {
        Key key = Key.of(cookie);
        synchronized (lock) {
            if (cookie.isExpiredAt(clock.instant())) {
                cookies.remove(key);
            } else {
                cookies.put(key, cookie);
            }
        }
    }

    /** RFC 6265 5.3, steps 4 to 11. Caller holds the lock. */
    private void accept(SetCookie parsed, String host, String requestPath, Instant now) {
        String domain;
        boolean hostOnly;
        Optional<String> attribute = parsed.domain();
        if (attribute.isEmpty()) {
            domain = host;
            hostOnly = true;
        } else if (!attribute.get().contains(".")) {
            // Without a public-suffix list, a dot-less Domain is treated as one (RFC 6265 5.3 step 5): allowed only
            // as the request host itself, and then host-only.
            if (!attribute.get().equals(host)) {
                return;
            }
            domain = host;
            hostOnly = true;
        } else if (domainMatches(host, attribute.get())) {
            domain = attribute.get();
            hostOnly = false;
        } else {
            return; // a Domain the request host does not belong to: a browser ignores it, and so do we
        }
        String path = parsed.path().orElseGet(() -> defaultPath(requestPath));
        Key key = new Key(parsed.name(), domain, path);
        StoredCookie old = cookies.get(key);
        Instant created = old == null ? now : old.created();
        Instant expires = parsed.expiry().orElse(null);
        StoredCookie cookie;
        try {
            cookie = new StoredCookie(parsed.name(), parsed.value(), domain, hostOnly, path, parsed.secure(),
                    parsed.httpOnly(), expires, created);
        } catch (IllegalArgumentException e) {
            return; // a control character in name or value: unsendable, so not worth keeping
        }
        if (cookie.isExpiredAt(now)) {
            cookies.remove(key); // an expiry in the past is how a server deletes a cookie
        } else {
            cookies.put(key, cookie); // replacing keeps the map position, so send order stays by creation
        }
    }

    /** The unexpired cookies, dropping expired ones on the way. Caller holds the lock. */
    private List<StoredCookie> live() {
        Instant now = clock.instant();
        List<StoredCookie> live = new ArrayList<>(cookies.size());
        for (Iterator<StoredCookie> it = cookies.values().iterator(); it.hasNext(); ) {
            StoredCookie cookie = it.next();
            if (cookie.isExpiredAt(now)) {
                it.remove();
            } else {
                live.add(cookie);
            }
        }
        return live;
    }

    private static boolean appliesToHost(StoredCookie cookie, String host) {
        return cookie.hostOnly() ? host.equals(cookie.domain()) : domainMatches(host, cookie.domain());
    }

    /** RFC 6265 5.1.3: identical, or a sub-domain of it when the host is a name rather than an IP address. */
    static boolean domainMatches(String host, String domain) {
        if (host.equals(domain)) {
            return true;
        }
        return host.endsWith(domain) && host.charAt(host.length() - domain.length() - 1) == '.'
                && !isIpAddress(host);
    }

    /** RFC 6265 5.1.4. */
    static boolean pathMatches(String requestPath, String cookiePath) {
        if (requestPath.equals(cookiePath)) {
            return true;
        }
        return requestPath.startsWith(cookiePath)
                && (cookiePath.endsWith("/") || requestPath.charAt(cookiePath.length()) == '/');
    }

    /** RFC 6265 5.1.4: the request path up to, not including, its last {@code /}; {@code /} when that is empty. */
    static String defaultPath(String requestPath) {
        if (requestPath.isEmpty() || requestPath.charAt(0) != '/') {
            return "/";
        }
        int lastSlash = requestPath.lastIndexOf('/');
        return lastSlash == 0 ? "/" : requestPath.substring(0, lastSlash);
    }

    private static boolean isIpAddress(String host) {
        return host.indexOf(':') >= 0 || host.startsWith("[") || IPV4.matcher(host).matches();
    }

    private static String hostOf(URI uri) {
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("URI has no host: " + Redactor.redactUri(uri));
        }
        return uri.getHost().toLowerCase(Locale.ROOT);
    }

    /**
     * A cookie as kept, and as persisted with a saved session. Immutable.
     *
     * @param domain   lower case, without a leading dot; for a host-only cookie, the host that set it
     * @param hostOnly sent only to exactly {@code domain} (no Domain attribute was given), else to its sub-domains too
     * @param expires  when it stops being sent; {@code null} for a session cookie, which lives as long as the jar
     * @param created  when it was first stored; orders the {@code Cookie} header
     */
    public record StoredCookie(String name, String value, String domain, boolean hostOnly, String path,
                               boolean secure, boolean httpOnly, Instant expires, Instant created) {

        public StoredCookie {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(created, "created");
            if (name.isEmpty() || !isHeaderSafe(name) || name.indexOf('=') >= 0) {
                throw new IllegalArgumentException("unusable cookie name: " + name);
            }
            if (!isHeaderSafe(value)) {
                throw new IllegalArgumentException("unusable value for cookie " + name);
            }
            domain = (domain.startsWith(".") ? domain.substring(1) : domain).toLowerCase(Locale.ROOT);
            if (domain.isEmpty()) {
                throw new IllegalArgumentException("cookie " + name + " has no domain");
            }
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("cookie path must start with '/': " + path);
            }
        }

        boolean isExpiredAt(Instant now) {
            return expires != null && !expires.isAfter(now);
        }

        /** No control characters and no {@code ;}: either would corrupt the {@code Cookie} header. */
        private static boolean isHeaderSafe(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < 0x20 || c == 0x7F || c == ';') {
                    return false;
                }
            }
            return true;
        }

        /** Name, domain and path; the value stays out of logs. */
        @Override
        public String toString() {
            return "StoredCookie[" + name + " @ " + domain + path + (hostOnly ? " host-only" : "")
                    + (secure ? " secure" : "") + (expires == null ? " session" : " until " + expires) + "]";
        }
    }

    private record Key(String name, String domain, String path) {
        static Key of(StoredCookie cookie) {
            return new Key(cookie.name(), cookie.domain(), cookie.path());
        }
    }
}
