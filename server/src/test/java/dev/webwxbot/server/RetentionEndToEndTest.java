package dev.webwxbot.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.store.Direction;
import dev.webwxbot.store.MessageStore;
import dev.webwxbot.store.StoredMessage;
import dev.webwxbot.testsupport.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon applies the store's retention in the background: what is older than max-age goes, nothing else. */
class RetentionEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void messagesOlderThanMaxAgeAreRemovedInTheBackgroundAndNewerOnesKept() throws Exception {
        try (Emulator emulator = DaemonFixture.emulator();
             BotServer server = new DaemonFixture(emulator, dir).start(dir.resolve("data"),
                     "webwx-bot.accounts {}\nwebwx-bot.store.retention { max-age = 1d, check-every = 100ms }")) {
            MessageStore store = server.messages().store().orElseThrow();
            store.record(row("1", Instant.now().minus(Duration.ofDays(2)), "an old one"));
            store.record(row("2", Instant.now().minus(Duration.ofHours(23)), "a recent one"));

            Await.until(() -> store.byMsgId("shop", "1").isEmpty(), "the old message removed");
            assertTrue(store.byMsgId("shop", "2").isPresent(), "the recent one was kept");
        }
    }

    private static StoredMessage row(String msgId, Instant time, String text) {
        return new StoredMessage(0, "shop", Direction.IN, "message.text", msgId, "", "@alice", "Alice", "@alice",
                "Alice", "", time, text, "{}", Optional.empty(), "received", "");
    }
}
