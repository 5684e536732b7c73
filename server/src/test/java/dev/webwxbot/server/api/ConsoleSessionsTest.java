package dev.webwxbot.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Console sign-ins: random ids and CSRF tokens, an end after their lifetime, sign-out, a bound on how many are kept. */
class ConsoleSessionsTest {

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-12-07T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovableClock clock = new MovableClock();
    private final ConsoleSessions sessions = new ConsoleSessions(clock);

    @Test
    void aSessionIsFoundByItsIdUntilItsLifetimeEnds() {
        ConsoleSessions.Created created = sessions.create();
        assertEquals(Optional.of(created.session()), sessions.find(Optional.of(created.id())));
        assertEquals(Optional.empty(), sessions.find(Optional.of(created.id() + "x")));
        assertEquals(Optional.empty(), sessions.find(Optional.of("")));
        clock.now = clock.now.plus(ConsoleSessions.LIFETIME).minusSeconds(1);
        assertTrue(sessions.find(Optional.of(created.id())).isPresent());
        clock.now = clock.now.plusSeconds(1);
        assertEquals(Optional.empty(), sessions.find(Optional.of(created.id())));
    }

    @Test
    void idsAndCsrfTokensAreRandomAndTheCsrfCheckIsExact() {
        ConsoleSessions.Created one = sessions.create();
        ConsoleSessions.Created two = sessions.create();
        assertNotEquals(one.id(), two.id());
        assertNotEquals(one.session().csrf(), two.session().csrf());
        assertNotEquals(one.id(), one.session().csrf());
        assertTrue(one.session().csrfMatches(Optional.of(one.session().csrf())));
        assertFalse(one.session().csrfMatches(Optional.of(two.session().csrf())));
        assertFalse(one.session().csrfMatches(Optional.empty()));
        assertFalse(one.toString().contains(one.id()) || one.session().toString().contains(one.session().csrf()));
    }

    @Test
    void signingOutEndsTheSessionAndTheOldestGoFirstPastTheBound() {
        ConsoleSessions.Created first = sessions.create();
        sessions.remove(first.session());
        assertEquals(Optional.empty(), sessions.find(Optional.of(first.id())));
        ConsoleSessions.Created oldest = sessions.create();
        for (int i = 0; i < 64; i++) {
            clock.now = clock.now.plus(Duration.ofSeconds(1));
            sessions.create();
        }
        assertEquals(Optional.empty(), sessions.find(Optional.of(oldest.id())));
    }

    @Test
    void theCookieIsHttpOnlyStrictAndSecureOnlyOverTls() {
        assertEquals("webwx_console=abc; Path=/; Max-Age=43200; HttpOnly; SameSite=Strict", ConsoleSessions.cookie("abc", false));
        assertTrue(ConsoleSessions.cookie("abc", true).endsWith("; Secure"));
        assertTrue(ConsoleSessions.expiredCookie().contains("Max-Age=0"));
    }
}
