package dev.webwxbot.server.api;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web console's sign-ins: a random session id in an HttpOnly, SameSite=Strict cookie, kept here (never the API
 * token) with its CSRF token and expiry. Ids are kept hashed, so a lookup's timing tells nothing about stored ids and a
 * heap dump holds none that would work. Thread-safe.
 */
final class ConsoleSessions {

    static final String COOKIE = "webwx_console";
    static final String CSRF_HEADER = "X-CSRF-Token";
    /** A sign-in lasts this long, however busy; then the operator pastes the token again. */
    static final Duration LIFETIME = Duration.ofHours(12);
    /** Sign-ins kept at most; the oldest goes first (a browser that never signs out must not grow this forever). */
    private static final int MAX = 64;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Clock clock;

    /** One sign-in: its CSRF token and when it ends. */
    record Session(String key, String csrf, Instant expires) {

        /** Whether {@code given} (a request's CSRF header) is this session's token; in constant time. */
        boolean csrfMatches(Optional<String> given) {
            return given.isPresent() && MessageDigest.isEqual(csrf.getBytes(StandardCharsets.UTF_8),
                    given.get().strip().getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "Session[expires=" + expires + "]";
        }
    }

    /** A new sign-in: the id for the cookie, and the session. */
    record Created(String id, Session session) {

        @Override
        public String toString() {
            return "Created[hidden]";
        }
    }

    ConsoleSessions(Clock clock) {
        this.clock = clock;
    }

    Created create() {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> !s.expires().isAfter(now));
        while (sessions.size() >= MAX) {
            sessions.values().stream().min(Comparator.comparing(Session::expires))
                    .ifPresent(oldest -> sessions.remove(oldest.key()));
        }
        String id = randomToken();
        Session session = new Session(hash(id), randomToken(), now.plus(LIFETIME));
        sessions.put(session.key(), session);
        return new Created(id, session);
    }

    /** The unexpired session the request's cookie names. */
    Optional<Session> find(ServerRequest request) {
        if (!request.headers().contains(HeaderNames.COOKIE)) return Optional.empty();
        Optional<String> id = request.headers().cookies().first(COOKIE).asOptional();
        if (id.isEmpty() || id.get().isEmpty()) return Optional.empty();
        Session session = sessions.get(hash(id.get()));
        if (session == null) return Optional.empty();
        if (!session.expires().isAfter(clock.instant())) {
            sessions.remove(session.key());
            return Optional.empty();
        }
        return Optional.of(session);
    }

    void remove(Session session) {
        sessions.remove(session.key());
    }

    /** The {@code Set-Cookie} value that hands the browser its session id. */
    static String cookie(String id, boolean secure) {
        return COOKIE + "=" + id + "; Path=/; Max-Age=" + LIFETIME.toSeconds() + "; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }

    /** The {@code Set-Cookie} value that makes the browser forget it. */
    static String expiredCookie() {
        return COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict";
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String hash(String id) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "ConsoleSessions[" + sessions.size() + " signed in]";
    }
}
