package dev.webwxbot.server.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WebhookTargetTest {

    static List<WebhookTarget> read(String hocon) {
        return WebhookTarget.read(ConfigFactory.parseString(hocon));
    }

    @Test
    void readsGlobalAndPerAccountTargetsWithDefaults() {
        List<WebhookTarget> targets = read("""
                webwx-bot {
                  webhooks = [
                    { url = "http://127.0.0.1:9000/hook", secret = "s3cret" }
                    { name = "crm", url = "https://crm.example.com/in", secret = "x", events = [ "message.*", "login" ],
                      accounts = [ "alice" ], max-age = 1h, backoff-base = 2s, backoff-cap = 1m, timeout = 3s }
                  ]
                  accounts {
                    alice { }
                    bob { webhooks = [ { url = "http://127.0.0.1:9000/hook", events = [ "friend-request" ] } ] }
                  }
                }
                """);
        assertEquals(3, targets.size());
        WebhookTarget first = targets.get(0);
        assertEquals(URI.create("http://127.0.0.1:9000/hook"), first.url());
        assertEquals("s3cret", first.secret());
        assertEquals(Set.of("*"), first.events());
        assertEquals(Set.of("*"), first.accounts());
        assertEquals(WebhookTarget.RetryPolicy.DEFAULT, first.retry());
        assertTrue(first.name().startsWith("127.0.0.1-"), first.name());

        WebhookTarget crm = targets.get(1);
        assertEquals("crm", crm.name());
        assertEquals(Set.of("message.*", "login"), crm.events());
        assertEquals(new WebhookTarget.RetryPolicy(Duration.ofHours(1), Duration.ofSeconds(2), Duration.ofMinutes(1),
                Duration.ofSeconds(3)), crm.retry());

        WebhookTarget bobs = targets.get(2);
        assertEquals(Set.of("bob"), bobs.accounts());
        assertEquals("", bobs.secret());
        // The same URL as the first, but for one account only: its own name, so its own queue.
        assertNotEquals(first.name(), bobs.name());
    }

    @Test
    void noWebhooksConfiguredIsNoTargets() {
        assertEquals(List.of(), read("webwx-bot { data-dir = data }"));
        assertEquals(List.of(), read("webwx-bot { accounts { alice { } } }"));
    }

    @Test
    void derivedNameIsStableAndDependsOnUrl() {
        WebhookTarget a = WebhookTarget.of(URI.create("http://hooks.example.com/a"), "");
        assertEquals(a.name(), WebhookTarget.of(URI.create("http://hooks.example.com/a"), "x").name());
        assertNotEquals(a.name(), WebhookTarget.of(URI.create("http://hooks.example.com/b"), "").name());
        assertTrue(a.name().matches("hooks\\.example\\.com-[0-9a-f]{8}"), a.name());
    }

    @Test
    void invalidEntriesFailNamingTheKey() {
        assertFails("webwx-bot.webhooks[0]", "url", "webwx-bot.webhooks = [ { secret = x } ]");
        assertFails("webwx-bot.webhooks[1]", "http", """
                webwx-bot.webhooks = [ { url = "http://a/" }, { url = "ftp://a/" } ]""");
        assertFails("webwx-bot.webhooks[0]", "message.txt",
                "webwx-bot.webhooks = [ { url = \"http://a/\", events = [ \"message.txt\" ] } ]");
        assertFails("webwx-bot.webhooks[0]", "account",
                "webwx-bot.webhooks = [ { url = \"http://a/\", accounts = [ \"Not An Id\" ] } ]");
        assertFails("webwx-bot.webhooks[0]", "max-age", "webwx-bot.webhooks = [ { url = \"http://a/\", max-age = 0s } ]");
        assertFails("webwx-bot.webhooks[0]", "backoff-cap",
                "webwx-bot.webhooks = [ { url = \"http://a/\", backoff-base = 1m, backoff-cap = 1s } ]");
        assertFails("webwx-bot.webhooks[0]", "name",
                "webwx-bot.webhooks = [ { url = \"http://a/\", name = \"../etc\" } ]");
        assertFails("webwx-bot.accounts.alice.webhooks[0]", "accounts",
                "webwx-bot.accounts.alice.webhooks = [ { url = \"http://a/\", accounts = [ \"bob\" ] } ]");
        assertFails("webwx-bot.webhooks", "list", "webwx-bot.webhooks = \"http://a/\"");
        assertFails("named", "h",
                "webwx-bot.webhooks = [ { url = \"http://a/h\", name = h }, { url = \"http://b/\", name = h } ]");
    }

    private static void assertFails(String key, String mentioning, String hocon) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(hocon), hocon);
        assertTrue(e.getMessage().contains(key) && e.getMessage().contains(mentioning), e.getMessage());
    }

    @Test
    void wantsExactTypesPrefixesAndAccounts() {
        WebhookTarget target = new WebhookTarget("t", URI.create("http://a/"), "", Set.of("message.*", "login"),
                Set.of("alice"), WebhookTarget.RetryPolicy.DEFAULT);
        assertTrue(target.wants("alice", "message.text"));
        assertTrue(target.wants("alice", "message.mini-program"));
        assertTrue(target.wants("alice", "login"));
        assertFalse(target.wants("alice", "logout"));
        assertFalse(target.wants("alice", "friend-request"));
        assertFalse(target.wants("bob", "message.text"));
        WebhookTarget all = WebhookTarget.of(URI.create("http://a/"), "");
        assertTrue(all.wants("bob", "logout"));
    }

    @Test
    void toStringAndSafeUrlNeverShowSecrets() {
        WebhookTarget target = WebhookTarget.of(URI.create("https://user:pw@a.example:8443/in?token=tok#frag"),
                "the-secret");
        assertEquals("https://a.example:8443/in", target.safeUrl());
        String text = target.toString();
        for (String secret : List.of("the-secret", "tok", "pw")) assertFalse(text.contains(secret), text);
    }
}
