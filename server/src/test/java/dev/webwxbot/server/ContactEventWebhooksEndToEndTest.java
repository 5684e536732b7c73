package dev.webwxbot.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A daemon's webhook subscribed to {@code group.*} gets a member joining once, as {@code group.member-joined} with
 * the member and the inviter, though WeChat tells of it twice (the group's update and the grey line); the next
 * delivery is the next change, not a second copy.
 */
class ContactEventWebhooksEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private Emulator emulator;
    private Account phone;
    private WebhookReceiver receiver;
    private BotServer server;

    @BeforeEach
    void start() throws Exception {
        emulator = DaemonFixture.emulator();
        phone = emulator.addAccount("Bot");
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
        receiver.close();
        emulator.close();
    }

    @Test
    void aMemberJoiningIsPostedOnceWithTheInviterAndTheRenameAfterItIsTheNextDelivery() throws Exception {
        Contact alice = phone.addFriend("Alice");
        Contact bob = phone.addFriend("Bob");
        Contact hikers = phone.addGroup("Weekend hikers", alice, bob);
        server = new DaemonFixture(emulator, dir).start(dir.resolve("data"), """
                webwx-bot.accounts { shop { } }
                webwx-bot.webhooks = [ { url = "%s", secret = "a-long-shared-secret", events = [ "group.*" ],
                                         backoff-base = 50ms, backoff-cap = 200ms } ]
                """.formatted(receiver.url()));
        DaemonFixture.logIn(ApiCalls.from(dir.resolve("data")), "shop", phone);
        phone.awaitHeldSyncCheck(WAIT);   // past the login's first sync, which raises nothing

        Contact erin = phone.addStranger("Erin");
        hikers.addMember(erin, alice);
        JsonNode joined = ApiCalls.JSON.readTree(receiver.await(WAIT).body());
        assertEquals("group.member-joined", joined.get("type").asText());
        JsonNode event = joined.get("event");
        assertEquals("Weekend hikers", event.get("group").get("name").asText());
        assertEquals(erin.userName(), event.get("member").get("id").asText());
        assertEquals("Erin", event.get("member").get("name").asText());
        assertEquals("Alice", event.get("inviter").get("name").asText());
        assertEquals("INVITED", event.get("method").asText());

        hikers.renameGroup("Sunday hikers", bob);
        JsonNode renamed = ApiCalls.JSON.readTree(receiver.await(WAIT).body());
        assertEquals("group.renamed", renamed.get("type").asText(), "the next delivery: " + renamed);
        assertEquals("Bob", renamed.get("event").get("renamedBy").get("name").asText());
    }
}
