package dev.webwxbot.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.server.ApiCalls;
import dev.webwxbot.server.BotServer;
import dev.webwxbot.server.DaemonFixture;
import dev.webwxbot.testsupport.Await;
import dev.webwxbot.testsupport.RedisProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

/**
 * The console of one daemon of a cluster, in Chromium: two daemons on a real Redis share four accounts, each logged in
 * on the daemon that holds it. Daemon a's accounts page names the cluster and, for the accounts daemon b runs, says so
 * and offers no log in or out; its health page lists both daemons and every account with its owner. When b stops, its
 * accounts turn online on a's page by the live stream, and the health page shows a cluster of one.
 */
class ConsoleClusterBrowserTest {

    private static final List<String> IDS = List.of("s1", "s2", "s3", "s4");

    @TempDir
    Path dir;

    private ConsoleBrowser browser;
    private RedisProcess redis;
    private Emulator emulator;
    private final List<Account> phones = new ArrayList<>();
    private BotServer a;
    private BotServer b;

    @BeforeEach
    void start() throws Exception {
        browser = ConsoleBrowser.start();
        redis = RedisProcess.start();
        emulator = DaemonFixture.emulator();
        for (int i = 1; i <= IDS.size(); i++) phones.add(emulator.addAccount("Bot" + i));
    }

    @AfterEach
    void stop() {
        if (browser != null) browser.close();
        if (a != null) a.close();
        if (b != null) b.close();
        if (emulator != null) emulator.close();
        if (redis != null) redis.close();
    }

    private BotServer daemon(String node) throws Exception {
        return new DaemonFixture(emulator, dir).start(dir.resolve(node), """
                webwx-bot.accounts { s1 {}, s2 {}, s3 {}, s4 {} }
                webwx-bot.cluster { redis = "%s", node = "%s", lease = 6s }
                webwx-bot.api.console = true
                """.formatted(redis.uri(), node));
    }

    @Test
    void showsWhichDaemonRunsEachAccountAndTheWholeClusterOnTheHealthPage() throws Exception {
        // Started together: an account whose preferred daemon is not up after one lease goes to the other, and
        // this test wants each daemon to run some (rendezvous hashing gives s1, s2 to b and s3, s4 to a). A lease of
        // 6 s leaves a loaded machine time to start both; b's stop hands its accounts over at once all the same.
        CompletableFuture<BotServer> startingB = CompletableFuture.supplyAsync(() -> {
            try {
                return daemon("b");
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        try {
            a = daemon("a");
        } finally {
            b = startingB.join(); // closed after the test however a's start went
        }
        ApiCalls apiA = ApiCalls.from(dir.resolve("a"));
        ApiCalls apiB = ApiCalls.from(dir.resolve("b"));
        Map<String, String> ownerOf = new TreeMap<>();
        int phone = 0;
        for (String id : IDS) {
            ApiCalls holder = Await.value(() -> waitingForScan(apiA, id).or(() -> waitingForScan(apiB, id)),
                    "account " + id + "'s QR code on one of the daemons", Duration.ofSeconds(20));
            DaemonFixture.logIn(holder, id, phones.get(phone++));
            ownerOf.put(id, holder == apiA ? "a" : "b");
        }
        assertTrue(ownerOf.containsValue("a") && ownerOf.containsValue("b"), "each daemon runs some: " + ownerOf);

        browser.open(apiA.base() + "/console/");
        ConsoleShellBrowserTest.signIn(browser, Files.readString(dir.resolve("a").resolve("api-token")).strip());
        browser.awaitText("#cluster-line", "Daemon a of a cluster of 2 (docs: Running a cluster)");
        for (String id : IDS) {
            String card = "#account-" + id;
            if (ownerOf.get(id).equals("b")) {
                browser.awaitText(card + " .owner", "On daemon b");
                assertEquals("On another daemon", browser.find(card + " .state").getText());
                assertEquals(List.of(), browser.findAll(card + " button"), id + ": no log in or out on daemon a");
            } else {
                browser.awaitText(card + " .state", "Online");
                browser.awaitVisible(card + " button.logout");
                assertEquals(List.of(), browser.findAll(card + " .owner"), id + " runs here: no owner line");
            }
        }
        browser.screenshot("cluster-accounts");

        browser.find("#nav-health").click();
        browser.awaitText("#cluster-self", "Daemon a of a cluster of 2");
        WebElement self = browser.awaitText("#cluster-nodes tr[data-node='a']", "(this daemon)");
        assertTrue(self.getText().endsWith(" " + count(ownerOf, "a")), "accounts held: " + self.getText());
        WebElement other = browser.awaitVisible("#cluster-nodes tr[data-node='b']");
        assertTrue(other.getText().endsWith(" " + count(ownerOf, "b")), "accounts held: " + other.getText());
        for (String id : IDS) {
            awaitOwner(id, ownerOf.get(id));
            if (ownerOf.get(id).equals("b")) {
                browser.awaitText("#health-" + id + " .elsewhere", "Runs on daemon b");
            }
        }
        browser.screenshot("cluster-health");

        // b stops and hands its accounts to a, which resumes them without a scan: the live stream turns them online
        // on a's accounts page, with their log-out buttons, and the owner lines go.
        browser.find("#nav-accounts").click();
        browser.awaitText("#cluster-line", "Daemon a of a cluster of 2");
        b.close();
        b = null;
        for (String id : IDS) {
            browser.awaitText("#account-" + id + " .state", "Online");
            browser.awaitVisible("#account-" + id + " button.logout");
        }
        browser.await("no owner lines left", d -> browser.findAll(".account .owner").isEmpty());
        browser.find("#nav-health").click();
        browser.awaitText("#cluster-self", "Daemon a of a cluster of 1");
        for (String id : IDS) awaitOwner(id, "a");

        JsonNode cluster = apiA.json(apiA.get("/api/v1/cluster"));
        assertEquals(1, cluster.get("nodes").size(), cluster.toString());
        List<String> violations = browser.consoleMessages().stream()
                .filter(m -> m.contains("Content Security Policy") || m.contains("Refused to")).toList();
        assertEquals(List.of(), violations);
    }

    /** Waits until the health page's cluster table names exactly {@code owner} as the daemon running {@code id}. */
    private void awaitOwner(String id, String owner) {
        String css = "#cluster-accounts tr[data-account='" + id + "'] .owner";
        browser.await(id + " on daemon " + owner, d -> browser.findAll(css).stream()
                .anyMatch(cell -> cell.getText().equals(owner)));
    }

    private static long count(Map<String, String> ownerOf, String node) {
        return ownerOf.values().stream().filter(node::equals).count();
    }

    private static Optional<ApiCalls> waitingForScan(ApiCalls api, String id) {
        try {
            JsonNode account = api.json(api.get("/api/v1/accounts/" + id));
            return account.hasNonNull("qrUrl") ? Optional.of(api) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
