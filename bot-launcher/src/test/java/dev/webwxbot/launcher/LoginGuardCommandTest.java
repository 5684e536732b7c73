package dev.webwxbot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.core.LoginGuard;
import dev.webwxbot.core.LoginGuardSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code webwx-bot login-guard}: shows an account's record from the data folder and resets it there, the operator's
 * override that works without a running bot or its API; a running bot's guard reads the file at its next login.
 */
class LoginGuardCommandTest {

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** A guard on the account's record as the daemon makes it, with the configuration's give-up-after = 2. */
    private static LoginGuard guard(Path folder) {
        return LoginGuard.open(folder.resolve(LoginGuard.FILE), new LoginGuardSettings(true, Duration.ofHours(1), 5, 20,
                Duration.ofMinutes(1), Duration.ofMinutes(30), 2), Clock.systemUTC(), "webwx-bot login-guard reset");
    }

    private static void failTwice(LoginGuard guard) {
        guard.finished(assertInstanceOf(LoginGuard.Admitted.class, guard.admit(LoginGuard.Kind.FRESH)),
                LoginGuard.Outcome.FAILED);
        assertTrue(assertInstanceOf(LoginGuard.Held.class, guard.admit(LoginGuard.Kind.FRESH)).event().waitsForOperator());
    }

    @Test
    void showSaysTheGuardWaitsForTheOperatorAndResetLetsTheNextLoginGoAhead() throws Exception {
        Path config = Files.writeString(dir.resolve("bot.conf"), "webwx-bot.safety.login-guard.give-up-after = 2\n");
        Path data = dir.resolve("data");
        LoginGuard guard = guard(data);
        failTwice(guard);

        Run show = run("login-guard", "show", "--config", config.toString(), "--data-dir", data.toString());
        assertEquals(0, show.code(), show.err());
        assertTrue(show.out().startsWith("login guard of default: fresh logins 1 of 5, resumes 0 of 20 in the last 60 min;"
                + " failed or held in a row 2 of 2\n"), show.out());
        assertTrue(show.out().contains("it waits for the operator: webwx-bot login-guard reset\n"), show.out());
        assertTrue(show.out().contains(" fresh login: FAILED\n") && show.out().contains(" held back\n"), show.out());

        // Options before the subcommand count too.
        Run reset = run("login-guard", "--config", config.toString(), "--data-dir", data.toString(), "reset");
        assertEquals(0, reset.code(), reset.err());
        assertTrue(reset.out().startsWith("login guard of default reset: the next login goes ahead.\n"), reset.out());
        assertTrue(reset.out().contains("it does not wait for the operator"), reset.out());
        assertInstanceOf(LoginGuard.Admitted.class, guard.admit(LoginGuard.Kind.FRESH));
    }

    @Test
    void anAccountOfTheAccountsBlockHasItsRecordInItsOwnFolder() throws Exception {
        Path config = Files.writeString(dir.resolve("bot.conf"), "webwx-bot.accounts { shop { } }\n");
        Path data = dir.resolve("data");
        LoginGuard shop = guard(data.resolve("accounts").resolve("shop"));
        failTwice(shop);

        Run reset = run("login-guard", "reset", "--account", "shop", "--config", config.toString(), "--data-dir",
                data.toString());
        assertEquals(0, reset.code(), reset.err());
        assertTrue(reset.out().contains("webwx-bot accounts login shop"), reset.out());
        assertInstanceOf(LoginGuard.Admitted.class, shop.admit(LoginGuard.Kind.FRESH));
    }

    @Test
    void anAccountIdThatCannotBeOneIsAMistakeInTheOptions() throws Exception {
        Path config = Files.writeString(dir.resolve("bot.conf"), "");
        Run run = run("login-guard", "show", "--account", "../etc", "--config", config.toString(), "--data-dir",
                dir.resolve("data").toString());
        assertEquals(Main.CONFIGURATION_ERROR, run.code());
        assertTrue(run.err().contains("account id '../etc' must be"), run.err());
    }
}
