package dev.webwxbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.api.event.LoginHeld;
import dev.webwxbot.emulator.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The login-churn guard's rules on a real record file and a clock the test moves; each test makes a new guard on the
 * same file where a restarted daemon would, so what it checks holds across restarts.
 */
class LoginGuardTest {

    private static final String HINT = "run webwx-bot login-guard reset";

    @TempDir
    Path dir;

    private final ManualClock clock = ManualClock.startingAt(Instant.parse("2026-12-07T10:00:00Z"));
    private LoginGuardSettings settings = LoginGuardSettings.defaults();

    /** A new guard on the same file: what a restarted daemon makes. */
    private LoginGuard restarted() {
        return LoginGuard.open(dir.resolve(LoginGuard.FILE), settings, clock, HINT);
    }

    private void freshLogin(LoginGuard.Outcome outcome) {
        LoginGuard guard = restarted();
        LoginGuard.Admitted admitted = assertInstanceOf(LoginGuard.Admitted.class, guard.admit(LoginGuard.Kind.FRESH));
        guard.finished(admitted, outcome);
    }

    private LoginHeld held(LoginGuard.Kind kind) {
        return assertInstanceOf(LoginGuard.Held.class, restarted().admit(kind)).event();
    }

    @Test
    void theSixthFreshLoginInAnHourWaitsUntilTheFirstLeavesTheWindow() {
        for (int i = 0; i < 5; i++) {
            freshLogin(LoginGuard.Outcome.ONLINE);
            clock.advance(Duration.ofMinutes(1));
        }
        LoginHeld held = held(LoginGuard.Kind.FRESH);
        assertEquals(Optional.of(Instant.parse("2026-12-07T11:00:00Z")), held.retryAt(), "when the first login is an hour old");
        assertEquals(5, held.recentLogins());
        assertEquals(Duration.ofHours(1), held.window());
        assertTrue(held.explanation().contains("5 fresh logins (QR code or push) in the last 1 hour (at 10:00:00Z, "
                + "10:01:00Z, 10:02:00Z, 10:03:00Z, 10:04:00Z)"), held.explanation());
        assertTrue(held.explanation().contains("2026-12-07 11:00:00 UTC"), held.explanation());
        assertTrue(held.explanation().contains(HINT), held.explanation());

        clock.advance(Duration.ofMinutes(56)); // 11:00:00: the first login left the window
        freshLogin(LoginGuard.Outcome.ONLINE);
    }

    @Test
    void resumesCountLessThanFreshLoginsButAreStillBounded() {
        for (int i = 0; i < 5; i++) freshLogin(LoginGuard.Outcome.ONLINE);
        for (int i = 0; i < 20; i++) {
            LoginGuard guard = restarted();
            guard.finished(assertInstanceOf(LoginGuard.Admitted.class, guard.admit(LoginGuard.Kind.RESUME)),
                    LoginGuard.Outcome.ONLINE);
        }
        LoginHeld held = held(LoginGuard.Kind.RESUME);
        assertTrue(held.explanation().contains("20 resumes of the saved session in the last 1 hour"), held.explanation());
        assertTrue(held.retryAt().isPresent());
    }

    @Test
    void failedFreshLoginsInARowBackOffExponentially() {
        freshLogin(LoginGuard.Outcome.FAILED);
        assertEquals(Optional.of(Instant.parse("2026-12-07T10:01:00Z")), held(LoginGuard.Kind.FRESH).retryAt());
        clock.advance(Duration.ofMinutes(1));
        freshLogin(LoginGuard.Outcome.FAILED);
        LoginHeld second = held(LoginGuard.Kind.FRESH);
        assertEquals(Optional.of(Instant.parse("2026-12-07T10:03:00Z")), second.retryAt(), "2 minutes after the second");
        assertTrue(second.explanation().contains("the last 2 fresh logins failed in a row (at 10:00:00Z, 10:01:00Z)"),
                second.explanation());
        clock.advance(Duration.ofMinutes(2));
        freshLogin(LoginGuard.Outcome.ONLINE); // a login that came online ends the series
        freshLogin(LoginGuard.Outcome.ONLINE);
    }

    @Test
    void afterGiveUpAfterFailedOrHeldLoginsItWaitsForTheOperatorUntilReset() {
        settings = new LoginGuardSettings(true, Duration.ofHours(1), 5, 20, Duration.ofMinutes(1), Duration.ofMinutes(30), 3);
        freshLogin(LoginGuard.Outcome.FAILED);          // strike 1
        held(LoginGuard.Kind.FRESH);                    // strike 2: restarted during the back-off
        LoginHeld gaveUp = held(LoginGuard.Kind.FRESH); // strike 3
        assertTrue(gaveUp.waitsForOperator());
        assertTrue(gaveUp.explanation().startsWith("Login stopped by the login guard: 3 logins in a row failed or were"
                + " held back"), gaveUp.explanation());
        assertTrue(gaveUp.explanation().contains(HINT), gaveUp.explanation());

        clock.advance(Duration.ofDays(2)); // time alone does not end it
        LoginHeld still = held(LoginGuard.Kind.RESUME);
        assertTrue(still.waitsForOperator());
        assertTrue(still.explanation().contains("waited for the operator since 2026-12-07 10:00:00 UTC"), still.explanation());
        assertTrue(restarted().status().waitsForOperator());

        LoginGuard.Status reset = restarted().reset();
        assertFalse(reset.waitsForOperator());
        assertEquals(0, reset.strikes());
        freshLogin(LoginGuard.Outcome.ONLINE);
    }

    @Test
    void aLoginWhoseProcessDiedBeforeItsOutcomeCountsAsFailed() {
        assertInstanceOf(LoginGuard.Admitted.class, restarted().admit(LoginGuard.Kind.FRESH)); // then killed
        LoginHeld held = held(LoginGuard.Kind.FRESH);
        assertEquals(Optional.of(Instant.parse("2026-12-07T10:01:00Z")), held.retryAt());
    }

    @Test
    void aFailedResumeIsNoStrikeAndTheResetForgetsTheWindow() {
        for (int i = 0; i < 10; i++) {
            LoginGuard guard = restarted();
            guard.finished(assertInstanceOf(LoginGuard.Admitted.class, guard.admit(LoginGuard.Kind.RESUME)),
                    LoginGuard.Outcome.FAILED);
        }
        assertEquals(0, restarted().status().strikes());
        for (int i = 0; i < 5; i++) freshLogin(LoginGuard.Outcome.ONLINE);
        held(LoginGuard.Kind.FRESH);
        restarted().reset();
        freshLogin(LoginGuard.Outcome.ONLINE);
    }

    @Test
    void theRecordIsOwnerOnlyAndBounded() throws Exception {
        for (int i = 0; i < 250; i++) {
            LoginGuard guard = restarted();
            guard.finished(assertInstanceOf(LoginGuard.Admitted.class, guard.admit(LoginGuard.Kind.RESUME)),
                    LoginGuard.Outcome.ONLINE);
            clock.advance(Duration.ofMinutes(10));
        }
        Path file = dir.resolve(LoginGuard.FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(Files.size(file) < 32 * 1024, "bounded: " + Files.size(file) + " bytes");
        assertEquals(5, restarted().status().recent().size(), "the resumes 10 to 50 minutes ago: the last hour");
    }

    @Test
    void turnedOffItAdmitsEverythingAndWritesNothing() {
        settings = LoginGuardSettings.off();
        for (int i = 0; i < 50; i++) freshLogin(LoginGuard.Outcome.FAILED);
        assertFalse(Files.exists(dir.resolve(LoginGuard.FILE)));
    }
}
