package dev.webwxbot.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.FailureReason;
import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.api.event.ImageMessage;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.core.SessionMonitor;
import dev.webwxbot.core.chain.ChainMonitor;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BotMetricsTest {

    private final BotMetrics metrics = new BotMetrics();

    @Test
    void scrapeShowsAnAccountsMessagesLatencyThrottlingAndSyncTroubles() {
        SessionMonitor alice = metrics.forAccount("alice");
        alice.sent("text", Duration.ofMillis(120), Optional.empty());
        alice.sent("text", Duration.ofMillis(30), Optional.of(FailureReason.THROTTLED));
        alice.sent("image", Duration.ofMillis(900), Optional.empty());
        alice.throttled();
        alice.syncFailed(new IOException("reset"));
        alice.syncFailed(new IOException("reset"));
        alice.syncRecovered();
        metrics.received("alice", text("hi"));
        metrics.received("alice", text("again"));

        Map<String, Double> scraped = samples(metrics.scrape());
        assertEquals(1.0, scraped.get("webwx_messages_sent_total{account=\"alice\",kind=\"text\",result=\"sent\"}"));
        assertEquals(1.0, scraped.get("webwx_messages_sent_total{account=\"alice\",kind=\"text\",result=\"throttled\"}"));
        assertEquals(1.0, scraped.get("webwx_messages_sent_total{account=\"alice\",kind=\"image\",result=\"sent\"}"));
        assertEquals(2.0, scraped.get("webwx_send_latency_seconds_count{account=\"alice\",kind=\"text\"}"));
        assertEquals(0.15, scraped.get("webwx_send_latency_seconds_sum{account=\"alice\",kind=\"text\"}"), 1e-9);
        assertEquals(0.9, scraped.get("webwx_send_latency_seconds_max{account=\"alice\",kind=\"image\"}"), 1e-9);
        assertEquals(1.0, scraped.get("webwx_send_throttled_total{account=\"alice\"}"));
        assertEquals(2.0, scraped.get("webwx_sync_errors_total{account=\"alice\"}"));
        assertEquals(1.0, scraped.get("webwx_sync_reconnects_total{account=\"alice\"}"));
        assertEquals(2.0, scraped.get("webwx_messages_received_total{account=\"alice\",kind=\"text\"}"));
        assertFalse(metrics.scrape().contains("_bucket"), "no histogram buckets");
    }

    @Test
    void theHealthViewGetsTheThrottleTimesAndTheLastSyncErrorWithoutItsUrlsQuery() {
        SessionMonitor alice = metrics.forAccount("alice");
        assertEquals(0, metrics.health("alice").throttles());
        for (int i = 0; i < AccountHealth.RECENT + 2; i++) alice.throttled();
        alice.syncFailed(new IOException("GET https://wx.qq.com/cgi-bin/synccheck?skey=@crypt_secret&sid=s1 timed out"));
        alice.syncRecovered();

        AccountHealth health = metrics.health("alice");
        assertEquals(AccountHealth.RECENT + 2, health.throttles());
        assertEquals(AccountHealth.RECENT, health.recentThrottles().size(), "the latest ones only");
        assertEquals(1, health.syncErrors());
        assertEquals("GET https://wx.qq.com/cgi-bin/synccheck?… timed out", health.lastSyncError());
        assertEquals(1, health.reconnects());
        assertTrue(health.lastReconnectAt() != null && health.lastSyncErrorAt() != null, health.toString());
        assertEquals(0, metrics.health("nobody").throttles(), "an unknown account has nothing");
    }

    @Test
    void anAccountsCountersShowAtZeroAsSoonAsItHasAMonitor() {
        assertTrue(metrics.forAccount("bob") == metrics.forAccount("bob"), "one monitor per account");
        Map<String, Double> scraped = samples(metrics.scrape());
        assertEquals(0.0, scraped.get("webwx_send_throttled_total{account=\"bob\"}"));
        assertEquals(0.0, scraped.get("webwx_sync_errors_total{account=\"bob\"}"));
        assertEquals(0.0, scraped.get("webwx_sync_reconnects_total{account=\"bob\"}"));
    }

    @Test
    void theStateGaugeReadsOneForTheCurrentStateAndZeroForTheOthers() {
        AtomicReference<String> state = new AtomicReference<>("WAITING_FOR_SCAN");
        metrics.accountState("alice", state::get);
        assertEquals(1.0, stateOf("alice", "WAITING_FOR_SCAN"));
        state.set("RECONNECTING");
        assertEquals(0.0, stateOf("alice", "WAITING_FOR_SCAN"));
        assertEquals(1.0, stateOf("alice", "RECONNECTING"));
        for (String other : new String[] {"LOGGING_IN", "ONLINE", "LOGGED_OUT", "STOPPED"}) {
            assertEquals(0.0, stateOf("alice", other), other);
        }
        metrics.accountState("alice", () -> "STOPPED"); // a new source replaces the old
        assertEquals(1.0, stateOf("alice", "STOPPED"));
        assertEquals(0.0, stateOf("alice", "RECONNECTING"));
    }

    @Test
    void receivedMessagesAreCountedByTheirKindButNotTheAccountsOwn() {
        metrics.received("alice", new ImageMessage(envelope(), 0, 0));
        metrics.received("alice", text("x"));
        Contact alice = new Contact("@alice", "Alice", "", "", ContactKind.FRIEND, "");
        Contact self = new Contact("@me", "Bot", "", "", ContactKind.SELF, "");
        metrics.received("alice", new TextMessage(new Envelope("2", alice, self, Instant.EPOCH, true, false), "mine"));
        Map<String, Double> scraped = samples(metrics.scrape());
        assertEquals(1.0, scraped.get("webwx_messages_received_total{account=\"alice\",kind=\"image\"}"));
        assertEquals(1.0, scraped.get("webwx_messages_received_total{account=\"alice\",kind=\"text\"}"));
    }

    @Test
    void theChainMonitorKeepsEachPluginsHandlerTimeFailuresAndBreaker() {
        ChainMonitor chain = metrics.chain();
        chain.handled("echo", Duration.ofMillis(5), false);
        chain.handled("echo", Duration.ofSeconds(1), true);
        chain.breakerChanged("echo", true);
        Map<String, Double> scraped = samples(metrics.scrape());
        assertEquals(2.0, scraped.get("webwx_plugin_handler_time_seconds_count{plugin=\"echo\"}"));
        assertEquals(1.005, scraped.get("webwx_plugin_handler_time_seconds_sum{plugin=\"echo\"}"), 1e-9);
        assertEquals(1.0, scraped.get("webwx_plugin_handler_failures_total{plugin=\"echo\"}"));
        assertEquals(1.0, scraped.get("webwx_plugin_breaker_open{plugin=\"echo\"}"));
        chain.breakerChanged("echo", false);
        assertEquals(0.0, samples(metrics.scrape()).get("webwx_plugin_breaker_open{plugin=\"echo\"}"));
    }

    @Test
    void removingAnAccountRemovesEveryMeterOfItAndNoOtherAccounts() {
        for (String id : new String[] {"alice", "bob"}) {
            SessionMonitor monitor = metrics.forAccount(id);
            monitor.sent("text", Duration.ofMillis(10), Optional.empty());
            monitor.syncFailed(new IOException("x"));
            metrics.received(id, text("hi"));
            metrics.accountState(id, () -> "ONLINE");
            // A meter another component (webhooks) keeps for the account.
            metrics.registry().counter("webwx.webhook.deliveries", "account", id, "result", "ok").increment();
        }
        SessionMonitor stale = metrics.forAccount("alice");
        metrics.removeAccount("alice");
        stale.sent("text", Duration.ofMillis(10), Optional.empty()); // a late callback of the stopped session
        stale.throttled();

        String scraped = metrics.scrape();
        assertFalse(scraped.contains("account=\"alice\""), scraped);
        Map<String, Double> samples = samples(scraped);
        assertEquals(1.0, samples.get("webwx_messages_sent_total{account=\"bob\",kind=\"text\",result=\"sent\"}"));
        assertEquals(1.0, samples.get("webwx_account_state{account=\"bob\",state=\"ONLINE\"}"));
        assertEquals(1.0, samples.get("webwx_webhook_deliveries_total{account=\"bob\",result=\"ok\"}"));
        assertTrue(metrics.registry().getMeters().stream()
                .noneMatch(meter -> "alice".equals(meter.getId().getTag("account"))));
    }

    private double stateOf(String account, String state) {
        String key = "webwx_account_state{account=\"" + account + "\",state=\"" + state + "\"}";
        Double value = samples(metrics.scrape()).get(key);
        if (value == null) throw new AssertionError("no " + key + " in\n" + metrics.scrape());
        return value;
    }

    /** Each sample line of the text format, by its name and labels. */
    static Map<String, Double> samples(String scrape) {
        Map<String, Double> samples = new TreeMap<>();
        for (String line : scrape.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return samples;
    }

    private static Envelope envelope() {
        Contact chat = new Contact("@alice", "Alice", "", "", ContactKind.FRIEND, "");
        return new Envelope("1", chat, chat, Instant.EPOCH, false, false);
    }

    private static MessageEvent text(String body) {
        return new TextMessage(envelope(), body);
    }
}
