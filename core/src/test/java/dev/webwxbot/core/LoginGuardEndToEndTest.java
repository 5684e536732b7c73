package dev.webwxbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.api.event.LoginHeld;
import dev.webwxbot.emulator.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guard on a real session's login path: a held start raises {@code LoginHeld} to the listener, fails with the
 * explanation, and sends nothing to the login endpoints; a resume of the saved session is asked too, and passes while
 * fresh logins are held.
 */
class LoginGuardEndToEndTest {

    @TempDir
    Path dir;

    private final ManualClock clock = ManualClock.startingNow();
    private EmulatorWorld world;

    @BeforeEach
    void start() {
        world = EmulatorWorld.start();
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private SessionOptions options(int maxFresh) {
        LoginGuardSettings d = LoginGuardSettings.defaults();
        LoginGuard guard = LoginGuard.open(dir.resolve(LoginGuard.FILE), new LoginGuardSettings(true, d.window(), maxFresh,
                d.maxResumes(), d.backoffBase(), d.backoffCap(), d.giveUpAfter()), clock, "reset it");
        return SessionOptions.defaults().withSessionFile(dir.resolve("session.json")).withLoginGuard(guard);
    }

    private long loginRequests() {
        return world.emulator.recordedRequests().stream()
                .filter(r -> r.path().endsWith("/jslogin") || r.path().endsWith("/webwxpushloginurl")).count();
    }

    @Test
    void aHeldStartRaisesLoginHeldAndSendsNothingToTheLoginEndpoints() throws Exception {
        Session first = world.logIn(options(1), new PhoneLogin(world.account));
        first.logout().get(10, TimeUnit.SECONDS); // the saved session is gone: the next start needs a fresh login
        assertEquals(1, loginRequests());

        PhoneLogin login = new PhoneLogin(world.account);
        Session second = world.client.newSession(options(1), login);
        ExecutionException failed = assertThrows(ExecutionException.class, () -> second.start().get(10, TimeUnit.SECONDS));
        LoginFailedException error = assertInstanceOf(LoginFailedException.class, failed.getCause());
        LoginHeldException held = assertInstanceOf(LoginHeldException.class, error.getCause());
        assertTrue(error.getMessage().startsWith("Login held back by the login guard: 1 fresh login"), error.getMessage());
        assertTrue(error.getMessage().endsWith("to allow it now: reset it."), error.getMessage());
        LoginHeld event = login.next(LoginHeld.class);
        assertEquals(held.event(), event);
        assertEquals(1, event.recentLogins());
        assertEquals(1, loginRequests(), "nothing reached the login endpoints");
        assertTrue(login.progress.isEmpty(), "no QR code, no push: " + login.progress);
    }

    @Test
    void aResumeGoesAheadWhileFreshLoginsAreHeld() throws Exception {
        Session first = world.logIn(options(1), new PhoneLogin(world.account));
        first.stop(); // the session stays valid on the server and saved on disk
        clock.advance(Duration.ofSeconds(5));

        PhoneLogin login = new PhoneLogin(world.account);
        Session resumed = world.client.newSession(options(1), login);
        resumed.start().get(10, TimeUnit.SECONDS);
        assertEquals(1, loginRequests(), "resumed without a login");
        LoginGuard.Status status = options(1).loginGuard().status();
        assertEquals(1, status.freshLogins());
        assertEquals(1, status.resumes());
        assertTrue(status.recent().getLast().endsWith("resume: ONLINE"), status.recent().toString());
        resumed.stop();
    }
}
