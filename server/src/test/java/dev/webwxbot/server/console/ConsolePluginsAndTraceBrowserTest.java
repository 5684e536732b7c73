package dev.webwxbot.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.server.ApiCalls;
import dev.webwxbot.server.BotServer;
import dev.webwxbot.server.DaemonFixture;
import ch.qos.logback.classic.Level;
import dev.webwxbot.testsupport.CapturedLogs;
import dev.webwxbot.testsupport.PluginJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console's insight pages in headless Chromium with the daemon on the emulator: the operator disables the echo
 * plugin on the plugins page, a friend writes, and the message's trace (reached from the history) explains the
 * missing answer; the health page shows the account's send governor; an XSS nickname shows as text. Saves a
 * screenshot of each page.
 */
class ConsolePluginsAndTraceBrowserTest {

    @TempDir
    Path dir;

    private Emulator emulator;
    private Account phone;
    private Contact alice;
    private BotServer server;
    private ApiCalls api;
    private ConsoleBrowser browser;
    /** Attached by the test that makes a plugin fail, to assert the warnings that come of it. */
    private CapturedLogs logs;

    @BeforeEach
    void start() throws Exception {
        browser = ConsoleBrowser.start();
        emulator = DaemonFixture.emulator();
        phone = emulator.addAccount("Bot");
        alice = phone.addFriend("Alice");
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        PluginJar.plugin("echo").handler("Echo", """
                if (event instanceof TextMessage text && !text.envelope().fromSelf()) {
                    context.reply(text.text());
                    return Outcome.STOP;
                }
                return Outcome.CONTINUE;""", "").writeTo(plugins, "echo.jar");
        // answers "menu" only, and says in the trace which rule matched or that none did, as auto-reply does
        PluginJar.plugin("menu").handler("MenuRules", """
                if (!(event instanceof TextMessage text) || text.envelope().fromSelf()) return Outcome.CONTINUE;
                if (text.text().equals("menu")) {
                    context.explain("rule 1 (menu) at menu.conf:2 matched");
                    context.reply("tea, coffee");
                    return Outcome.STOP;
                }
                context.explain("no rule matched (1 rule)");
                return Outcome.CONTINUE;""", """
                public Phase phase() { return Phase.GUARD; }
                public int priority() { return 5; }""")
                .referenceConf("plugins.menu { answer = \"tea, coffee\", api-key = \"\" }")
                .writeTo(plugins, "menu.jar");
        // fails on "boom": two failures open its circuit breaker
        PluginJar.plugin("flaky").handler("Flaky", """
                if (event instanceof TextMessage text && text.text().equals("boom")) {
                    throw new IllegalStateException("the weather service is down");
                }
                return Outcome.CONTINUE;""", """
                public int priority() { return 10; }""").writeTo(plugins, "flaky.jar");
        server = new DaemonFixture(emulator, dir).start(dir.resolve("data"), """
                webwx-bot.accounts { main {} }
                webwx-bot.chain.breaker { threshold = 2, window = 10m }
                webwx-bot.api.console = true
                plugins.menu { api-key = "sk-very-secret" }
                """);
        api = ApiCalls.from(dir.resolve("data"));
        DaemonFixture.logIn(api, "main", phone);
        signIn();
    }

    @AfterEach
    void stop() {
        if (browser != null) browser.close();
        if (server != null) server.close();
        if (emulator != null) emulator.close();
        if (logs != null) logs.close();
    }

    private void signIn() throws Exception {
        browser.open(api.base() + "/console/");
        browser.awaitVisible("#token").sendKeys(Files.readString(dir.resolve("data/api-token")).strip());
        browser.find("#sign-in-form button[type=submit]").click();
        browser.awaitVisible("#nav-plugins");
    }

    private void go(String hash) {
        browser.script("location.hash = arguments[0]", hash);
    }

    @Test
    void disablingEchoOnThePluginsPageAndTheTraceExplainingTheMissingAnswer() throws Exception {
        go("#/plugins");
        WebElement chain = browser.awaitVisible("#chain");
        List<String> order = chain.findElements(By.cssSelector("tbody tr")).stream()
                .map(row -> row.getAttribute("data-plugin")).toList();
        assertEquals(List.of("menu", "flaky", "echo"), order, "the guard phase first, then by priority");
        assertTrue(chain.getText().contains("GUARD"), chain.getText());
        browser.awaitVisible("#config-menu").click();
        WebElement config = browser.awaitVisible("#config-of-menu");
        assertTrue(config.getText().contains("\"api-key\": \"********\""), config.getText());
        assertFalse(browser.find("#plugin-menu").getText().contains("sk-very-secret"));

        browser.awaitVisible("#disable-echo").click();
        browser.awaitVisible("#plugin-echo[data-state=DISABLED]");
        assertTrue(browser.find("#plugin-echo").getText().contains("disabled by the operator"));
        browser.awaitVisible("#enable-echo");
        browser.awaitVisible("#config-of-menu"); // stays open across the page's refresh
        browser.screenshot("plugins");

        alice.sendText("is anyone there?");
        go("#/history");
        browser.await("the message stored and its trace linked", d -> {
            d.findElement(By.cssSelector("#history-q")).clear();
            d.findElement(By.cssSelector("#history-q")).sendKeys("anyone");
            d.findElement(By.cssSelector("#history-search")).click();
            return browser.awaitVisible("#history-results").findElements(By.cssSelector("a.trace-link")).stream()
                    .findFirst().orElse(null);
        });
        browser.screenshot("history");
        browser.find("#history-table a.trace-link").click();

        WebElement verdict = browser.awaitVisible("#trace-verdict");
        assertTrue(verdict.getText().contains("The bot did not answer: no plugin sent anything."), verdict.getText());
        assertTrue(verdict.getText().contains("echo is disabled, so it did not run (disabled by the operator)."),
                verdict.getText());
        assertTrue(verdict.getText().contains("menu ran and sent nothing: no rule matched (1 rule)."), verdict.getText());
        assertEquals("is anyone there?", browser.find("#trace-text").getText());
        WebElement echoStep = browser.find("#trace-steps tr[data-plugin=echo]");
        assertEquals("DISABLED", echoStep.getAttribute("data-outcome"));
        browser.screenshot("trace");
        assertTrue(phone.sentMessages().isEmpty(), "nothing answered Alice: " + phone.sentMessages());

        go("#/health");
        WebElement health = browser.awaitVisible("#health-main");
        assertTrue(health.getText().contains("ONLINE"), health.getText());
        assertTrue(health.getText().contains("100% of the configured rate"), health.getText());
        browser.awaitText("#health-process", "2 of 3 active");
        // Drawn after both /health and /cluster answered: a daemon of its own has no cluster to show.
        assertEquals(List.of(), browser.findAll("#health-cluster"), "no cluster section");
        browser.screenshot("health");
    }

    @Test
    void anAnsweredMessagesTraceNamesTheRuleAndAHostileNicknameStaysText() throws Exception {
        Contact hostile = phone.addFriend("<img src=x onerror=alert(1)>");
        go("#/trace");
        browser.awaitVisible("#recent-traces");
        hostile.sendText("menu"); // the list is read again after the live event
        // the bot's own answer comes back as a message too (traced, not answered): the hostile friend's row is wanted
        WebElement row = browser.await("the hostile friend's 'menu' in the recent traces", d ->
                d.findElements(By.cssSelector("#recent-traces tbody tr")).stream().filter(tr -> {
                    List<WebElement> cells = tr.findElements(By.cssSelector("td"));
                    return cells.size() == 7 && cells.get(4).getText().equals("<img src=x onerror=alert(1)>")
                            && cells.get(5).getText().equals("menu");
                }).findFirst().orElse(null));
        row.findElement(By.cssSelector("a")).click();

        WebElement verdict = browser.awaitVisible("#trace-verdict");
        assertTrue(verdict.getText().contains("The bot answered this message."), verdict.getText());
        assertTrue(verdict.getText().contains("menu answered (1 message): rule 1 (menu) at menu.conf:2 matched."),
                verdict.getText());
        assertEquals("SKIPPED_AFTER_STOP", browser.find("#trace-steps tr[data-plugin=echo]").getAttribute("data-outcome"));
        assertTrue(browser.find("#page-trace").getText().contains("<img src=x onerror=alert(1)>"));
        assertTrue(browser.findAll("#page-trace img").isEmpty(), "the nickname became an element");
        assertFalse(browser.alertOpen(), "a script of the nickname ran");
        browser.screenshot("trace-answered");
        go("#/trace");
        browser.awaitVisible("#recent-traces");
        browser.screenshot("traces");
    }

    @Test
    void aPluginWhoseBreakerOpenedShowsItsLastFailuresAndEnablingClosesIt() throws Exception {
        logs = CapturedLogs.attach()
                .expect(Level.WARN, "plugin 'flaky' \\(Flaky\\) failed on TextMessage: .*the weather service is down")
                .expect(Level.ERROR, "plugin 'flaky' disabled: circuit breaker open after 2 failures.*");
        alice.sendText("boom");
        assertEquals("boom", phone.awaitSentMessage(Duration.ofSeconds(15)).content(), "echo still answers");
        alice.sendText("boom");
        assertEquals("boom", phone.awaitSentMessage(Duration.ofSeconds(15)).content());
        go("#/plugins");
        WebElement flaky = browser.awaitVisible("#plugin-flaky[data-state=TRIPPED]");
        assertTrue(flaky.getText().contains("breaker open"), flaky.getText());
        assertTrue(flaky.getText().contains("Latest failures"), flaky.getText());
        assertTrue(flaky.getText().contains("FAILED: java.lang.IllegalStateException: the weather service is down"),
                flaky.getText());
        browser.screenshot("plugins-breaker-open");

        browser.find("#enable-flaky").click();
        browser.awaitVisible("#plugin-flaky[data-state=ACTIVE]");
        browser.awaitText("#plugins-status", "Plugin flaky is now active.");
    }
}
