package dev.webwxbot.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.store.MessageStore;
import dev.webwxbot.store.SearchQuery;
import dev.webwxbot.store.StoredMessage;
import dev.webwxbot.testsupport.Await;
import dev.webwxbot.testsupport.CapturedLogs;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A daemon killed between its outbox noting a send as delivered and the message store's update of that send's row
 * (the two are written one after the other) leaves the row queued; the next start settles it from the outbox once the
 * account is online, with the server's MsgId, so the store never shows a delivered send as still waiting. (The kill
 * window is a few milliseconds: the test puts the row back to queued between the two runs, as the kill would have
 * left it.)
 */
class StoreReconcileEndToEndTest {

    @TempDir
    Path dir;

    private Emulator emulator;
    private BotServer server;

    @AfterEach
    void stop() {
        if (server != null) server.close();
        if (emulator != null) emulator.close();
    }

    @Test
    void aSendTheStoreStillShowsQueuedIsSettledFromTheOutboxAtTheNextStart() throws Exception {
        emulator = DaemonFixture.emulator();
        Account phone = emulator.addAccount("Bot");
        phone.addFriend("Alice");
        Path data = dir.resolve("data");
        DaemonFixture daemons = new DaemonFixture(emulator, dir);
        server = daemons.start(data, "");
        ApiCalls api = ApiCalls.from(data);
        DaemonFixture.logIn(api, "default", phone);
        HttpResponse<String> sent = api.post("/api/v1/accounts/default/messages", "{\"to\":\"Alice\",\"text\":\"kept\"}");
        assertEquals(200, sent.statusCode(), sent.body());
        JsonNode receipt = api.json(sent);
        String localId = receipt.get("localId").asText();
        String msgId = receipt.get("msgId").asText();
        MessageStore store = server.messages().store().orElseThrow();
        Await.until(() -> row(store).status().equals("sent"), "the row settled by this run");

        assertTrue(store.sendOutcome("default", localId, "", "queued", "")); // what a kill in between leaves
        server.close();
        CapturedLogs logs = CapturedLogs.attach();
        server = daemons.start(data, "");
        MessageStore reopened = server.messages().store().orElseThrow();
        Await.until(() -> row(reopened).status().equals("sent"), () -> "settled again: " + row(reopened),
                Duration.ofSeconds(20));
        assertEquals(msgId, row(reopened).msgId(), "with the server's MsgId from the outbox");
        // Said once the settling is queued, which may be just after the row was written.
        Await.until(() -> logs.at(Level.INFO).stream()
                .anyMatch(line -> line.contains("1 stored send(s) left queued by an earlier run")), "the line saying so");
        logs.close();
    }

    private static StoredMessage row(MessageStore store) {
        List<StoredMessage> rows = store.search(SearchQuery.text("kept").account("default").limit(10));
        assertEquals(1, rows.size(), rows.toString());
        return rows.getFirst();
    }
}
