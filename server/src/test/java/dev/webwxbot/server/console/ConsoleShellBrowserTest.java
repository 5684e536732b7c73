package dev.webwxbot.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.server.ApiCalls;
import dev.webwxbot.server.BotServer;
import dev.webwxbot.server.DaemonFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The console's shell in Chromium: the sign-in form refuses a wrong token and takes the right one without keeping it
 * anywhere a script could read; the nav bar, the live stream's indicator and the router work; signing out ends the
 * session; and nothing the page does breaks its Content-Security-Policy.
 */
class ConsoleShellBrowserTest {

    @TempDir
    Path dir;

    private Emulator emulator;
    private BotServer server;
    private ConsoleBrowser browser;
    private String token;
    private String base;

    @BeforeEach
    void start() throws Exception {
        browser = ConsoleBrowser.start();
        emulator = DaemonFixture.emulator();
        emulator.addAccount("Bot");
        server = new DaemonFixture(emulator, dir).start(dir.resolve("data"), "webwx-bot.api.console = true");
        base = ApiCalls.from(dir.resolve("data")).base();
        token = Files.readString(dir.resolve("data").resolve("api-token")).strip();
    }

    @AfterEach
    void stop() {
        if (browser != null) browser.close();
        if (server != null) server.close();
        if (emulator != null) emulator.close();
    }

    @Test
    void signsInWithTheTokenRoutesAndSignsOut() throws Exception {
        browser.open(base + "/console/");
        browser.awaitVisible("#sign-in-form");
        browser.screenshot("sign-in");
        browser.find("#token").sendKeys("not-the-token");
        browser.find("#sign-in-form button").click();
        browser.awaitText("#sign-in-error", "refused");

        signIn(browser, token);
        browser.awaitVisible("#nav");
        browser.awaitText("#live", "live");
        assertEquals("", browser.find("#token").getAttribute("value"), "the token stays in the form");
        assertEquals("", browser.script("return document.cookie"), "the session cookie is HttpOnly");
        String stored = String.valueOf(browser.script(
                "return JSON.stringify(localStorage) + JSON.stringify(sessionStorage) + location.href"));
        assertFalse(stored.contains(token), stored);
        assertTrue(browser.driver().getCurrentUrl().endsWith("#/accounts"), browser.driver().getCurrentUrl());

        browser.open(base + "/console/#/nowhere");
        browser.awaitText(".page", "There is no page \"nowhere\"");
        // A reload keeps the sign-in: the page asks for its CSRF token again.
        browser.driver().navigate().refresh();
        browser.awaitVisible("#nav");

        browser.find("#sign-out").click();
        browser.awaitVisible("#sign-in-form");
        browser.driver().navigate().refresh();
        browser.awaitVisible("#sign-in-form");
        List<String> violations = browser.consoleMessages().stream()
                .filter(m -> m.contains("Content Security Policy") || m.contains("Refused to")).toList();
        assertEquals(List.of(), violations);
    }

    /** Pastes {@code token} into the sign-in form and sends it. */
    static void signIn(ConsoleBrowser browser, String token) {
        browser.awaitVisible("#sign-in-form");
        browser.find("#token").clear();
        browser.find("#token").sendKeys(token);
        browser.driver().findElement(By.cssSelector("#sign-in-form button")).click();
    }
}
