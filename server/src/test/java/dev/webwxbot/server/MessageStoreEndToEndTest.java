package dev.webwxbot.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.api.Bot;
import dev.webwxbot.api.HistoryEntry;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.MessageBody;
import dev.webwxbot.emulator.SentMessage;
import dev.webwxbot.store.Direction;
import dev.webwxbot.store.MessageStore;
import dev.webwxbot.store.SearchQuery;
import dev.webwxbot.store.StoredMessage;
import dev.webwxbot.testsupport.Await;
import dev.webwxbot.testsupport.CapturedLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The message store inside a running daemon, against the emulator: received messages (with their media) and sends
 * through the API are kept with their receipts, plugins read them through {@code Bot.history()}, anti-revoke posts a
 * withdrawn text and a withdrawn image to the owner and raises a {@code revoked} event, and a corrupted database is
 * reported once while the bot keeps answering.
 */
class MessageStoreEndToEndTest {

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 7, 7, 7, 7, (byte) 0xFF, (byte) 0xD9};

    @TempDir
    Path dir;

    private Emulator emulator;
    private Account phone;
    private Contact alice;
    private WebhookReceiver receiver;
    private BotServer server;

    @BeforeEach
    void start() throws Exception {
        emulator = DaemonFixture.emulator();
        phone = emulator.addAccount("Bot");
        alice = phone.addFriend("Alice");
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
        receiver.close();
        emulator.close();
    }

    private ApiCalls startDaemon(String extra) throws Exception {
        server = new DaemonFixture(emulator, dir).start(dir.resolve("data"), "webwx-bot.accounts { shop { } }\n" + extra);
        ApiCalls api = ApiCalls.from(dir.resolve("data"));
        DaemonFixture.logIn(api, "shop", phone);
        return api;
    }

    @Test
    void receivedMessagesTheirMediaAndApiSendsAreKeptWithTheirReceipts() throws Exception {
        ApiCalls api = startDaemon("");
        MessageStore store = server.messages().store().orElseThrow();

        alice.sendText("hello store 你好");
        String imageId = alice.send(MessageBody.image(JPEG, 64, 48));
        JsonNode sent = api.json(api.post("/api/v1/accounts/shop/messages", "{\"to\":\"Alice\",\"text\":\"answer from the API\"}"));
        phone.awaitSentMessage(Duration.ofSeconds(10));

        StoredMessage text = await(() -> store.search(SearchQuery.text("你好").account("shop")).stream().findFirst());
        assertEquals(Direction.IN, text.direction());
        assertEquals("message.text", text.kind());
        assertEquals("Alice", text.chatName());
        assertEquals("Alice", text.senderName());
        assertEquals("wxid:" + alice.wxid(), text.senderIdentity(), "from the status-notify list of the login");
        assertEquals(List.of(text.id()), store.search(SearchQuery.any().account("shop").sender("wxid:" + alice.wxid())
                .kind("message.text")).stream().map(StoredMessage::id).toList());
        assertEquals("received", text.status());
        assertTrue(text.fieldsJson().contains("\"text\":\"hello store 你好\""), text.fieldsJson());

        StoredMessage image = await(() -> store.byMsgId("shop", imageId).filter(row -> row.media().isPresent()));
        assertEquals("message.image", image.kind());
        Path saved = dir.resolve("data").resolve("media-store").resolve(image.media().orElseThrow().path());
        assertArrayEquals(JPEG, Files.readAllBytes(saved), "the image saved by its content hash");

        StoredMessage out = await(() -> store.search(SearchQuery.text("answer from the API").account("shop")).stream()
                .filter(row -> row.status().equals("sent")).findFirst());
        assertEquals(Direction.OUT, out.direction());
        assertEquals(sent.get("msgId").asText(), out.msgId(), "the receipt's MsgId in the row");
        assertFalse(out.localId().isEmpty());
    }

    @Test
    void aForwardedImageIsKeptAsAnImageSendNamingTheMessageItForwards() throws Exception {
        Contact group = phone.addGroup("Hikers", alice, phone.addFriend("Bob"));
        startDaemon("");
        MessageStore store = server.messages().store().orElseThrow();
        var account = server.accounts().get("shop").orElseThrow();
        String imageId = alice.send(MessageBody.image(JPEG, 64, 48));
        dev.webwxbot.api.event.MessageEvent image = await(() -> account.receivedAnyKind(imageId));
        Bot bot = account.bot().orElseThrow(); // the bot plugins are handed, which records its sends

        SendReceipt receipt = bot.send(bot.contacts().find("Hikers").getFirst(), Outgoing.forward(image));
        assertTrue(receipt.ok(), receipt.toString());
        SentMessage sent = phone.awaitSentMessage(Duration.ofSeconds(10));
        assertTrue(sent.forwarded());
        assertEquals(group.userName(), sent.toUserName());

        String msgId = ((SendReceipt.Sent) receipt).msgId();
        StoredMessage out = await(() -> store.byMsgId("shop", msgId).filter(row -> row.status().equals("sent")));
        assertEquals(Direction.OUT, out.direction());
        assertEquals("message.image", out.kind());
        assertEquals("Hikers", out.chatName());
        assertTrue(out.fieldsJson().contains("\"forwardedMsgId\":\"" + imageId + "\""), out.fieldsJson());
    }

    @Test
    void theBotHandedToPluginsReadsTheChatsHistoryAndSearchesIt() throws Exception {
        startDaemon("");
        alice.sendText("first words");
        alice.sendText("second words");
        Bot bot = server.accounts().get("shop").orElseThrow().bot().orElseThrow(); // the bot plugins are handed
        dev.webwxbot.api.Contact chat = bot.contacts().find("Alice").getFirst();

        List<HistoryEntry> latest = await(() -> Optional.of(bot.history().latest(chat, 10)).filter(l -> l.size() == 2));
        // Both may carry the same second (the server's CreateTime): compared as a set.
        assertEquals(Set.of("second words", "first words"), latest.stream().map(HistoryEntry::text).collect(Collectors.toSet()));
        assertEquals(HistoryEntry.Direction.IN, latest.getFirst().direction());
        assertEquals("Alice", latest.getFirst().senderName());
        assertEquals(List.of("first words"), bot.history().search("first", 10).stream().map(HistoryEntry::text).toList());
    }

    @Test
    void aRevokedTextAndARevokedImageAreRepostedToTheOwnerAndRaisedWithTheOriginal() throws Exception {
        startDaemon("""
                webwx-bot.anti-revoke.enabled = true
                webwx-bot.webhooks = [ { url = "%s", secret = "s3cret-s3cret", events = [ "revoked" ] } ]
                """.formatted(receiver.url()));
        MessageStore store = server.messages().store().orElseThrow();
        String textId = alice.send(MessageBody.text("meet at noon"));
        await(() -> store.byMsgId("shop", textId));
        alice.revoke(textId);

        SentMessage notice = phone.awaitSentMessage(Duration.ofSeconds(10));
        assertEquals(phone.fileHelper().userName(), notice.toUserName(), "posted to the owner's file helper");
        assertEquals("Alice revoked: meet at noon", notice.content());
        JsonNode event = ApiCalls.JSON.readTree(receiver.await(Duration.ofSeconds(10)).body());
        assertEquals("revoked", event.get("type").asText());
        assertEquals(textId, event.get("event").get("revokedMsgId").asText());
        assertEquals("meet at noon", event.get("event").get("original").get("text").asText());

        String imageId = alice.send(MessageBody.image(JPEG, 64, 48));
        await(() -> store.byMsgId("shop", imageId).filter(row -> row.media().isPresent()));
        alice.revoke(imageId);
        assertEquals("Alice revoked: [image]", phone.awaitSentMessage(Duration.ofSeconds(10)).content());
        SentMessage image = phone.awaitSentMessage(Duration.ofSeconds(10));
        assertEquals(SentMessage.Kind.IMAGE, image.kind(), "the saved image sent back as an image");
        assertEquals(phone.fileHelper().userName(), image.toUserName());
        assertEquals("message.image",
                ApiCalls.JSON.readTree(receiver.await(Duration.ofSeconds(10)).body()).get("event").get("original")
                        .get("kind").asText());
    }

    @Test
    void antiRevokeWatchesOnlyTheChatsItsScopeNames() throws Exception {
        Contact bob = phone.addFriend("Bob");
        Contact carol = phone.addFriend("Carol");
        Contact team = phone.addGroup("Team", alice, bob);
        startDaemon("webwx-bot.anti-revoke { enabled = true, chats { only = [ friends ], except = [ Bob ] } }");
        MessageStore store = server.messages().store().orElseThrow();
        String inGroup = alice.sendIn(team, MessageBody.text("group plans"));
        String fromBob = bob.send(MessageBody.text("bob's secret"));
        String first = carol.send(MessageBody.text("carol's note"));
        String second = carol.send(MessageBody.text("carol's second note"));
        for (String id : List.of(inGroup, fromBob, first, second)) await(() -> store.byMsgId("shop", id));

        alice.revoke(inGroup); // in a group: not in "friends"
        carol.revoke(first);   // a friend it watches
        assertEquals("Carol revoked: carol's note", phone.awaitSentMessage(Duration.ofSeconds(10)).content());
        bob.revoke(fromBob);   // a friend the scope excepts
        carol.revoke(second);
        assertEquals("Carol revoked: carol's second note", phone.awaitSentMessage(Duration.ofSeconds(10)).content());
        // Each repost awaited came after a revoke the scope leaves out: had either been reposted, it would be here.
        assertEquals(List.of("Carol revoked: carol's note", "Carol revoked: carol's second note"),
                phone.sentMessages().stream().map(SentMessage::content).toList());
    }

    @Test
    void aCorruptedDatabaseIsReportedOnceAndTheBotKeepsAnswering() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("messages.db"), "this is not a database, but it is in the way ".repeat(200));
        CapturedLogs logs = CapturedLogs.attach();
        receiver.answerOthersWith("{\"reply\":\"still here\"}");
        startDaemon("webwx-bot.webhooks = [ { url = \"%s\", secret = \"s3cret-s3cret\", events = [ \"message.text\" ] } ]"
                .formatted(receiver.url()));

        for (String text : List.of("are you there?", "and now?")) {
            alice.sendText(text);
            assertEquals("still here", phone.awaitSentMessage(Duration.ofSeconds(10)).content(), "answered: " + text);
        }
        logs.close();
        List<String> errors = logs.at(Level.ERROR);
        assertEquals(1, errors.size(), "one clear error: " + errors);
        assertTrue(errors.getFirst().contains("message store cannot be opened"), errors.getFirst());
        assertTrue(server.messages().store().isEmpty());
    }

    @Test
    void aStoreThatFailsWhileRunningIsLoggedOnceAndEveryMessageIsStillAnswered() throws Exception {
        receiver.answerOthersWith("{\"reply\":\"still here\"}");
        startDaemon("webwx-bot.webhooks = [ { url = \"%s\", secret = \"s3cret-s3cret\", events = [ \"message.text\" ] } ]"
                .formatted(receiver.url()));
        CapturedLogs logs = CapturedLogs.attach();
        server.messages().store().orElseThrow().close(); // every write fails from now on

        for (int i = 1; i <= 3; i++) {
            alice.sendText("message " + i);
            assertEquals("still here", phone.awaitSentMessage(Duration.ofSeconds(10)).content(), "answered " + i);
        }
        logs.close();
        List<String> errors = logs.at(Level.ERROR);
        assertEquals(1, errors.size(), "one error for the whole run of failures: " + errors);
        assertTrue(errors.getFirst().contains("the message store failed"), errors.getFirst());
    }

    /** Polls the store (which writes off the network thread) until {@code probe} finds something. */
    private static <T> T await(Supplier<Optional<T>> probe) {
        return Await.value(probe::get, "the row in the store", Duration.ofSeconds(15));
    }
}
