package dev.webwxbot.launcher.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.webwxbot.core.Session;
import dev.webwxbot.core.SessionListener;
import dev.webwxbot.core.SessionOptions;
import dev.webwxbot.core.WebWxClient;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.ConversationLine;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.testsupport.Await;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code --chatter}: friends and members of an online account write at a rate, every kind when asked. */
class ChatterTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void friendsAndMembersOfAnOnlineAccountWriteEveryKind() throws Exception {
        try (Emulator emulator = Emulator.builder().port(0).loginPollHold(Duration.ofMillis(500))
                .syncCheckHold(Duration.ofSeconds(1)).start();
             WebWxClient client = WebWxClient.builder().server(URI.create(emulator.baseUrl())).build()) {
            Account bot = emulator.addAccount("Bot");
            var alice = bot.addFriend("Alice");
            var bob = bot.addFriend("Bob");
            bot.addGroup("Weekend hikers", alice, bob);
            Session session = client.newSession(SessionOptions.defaults(), new SessionListener() {
            });
            var online = session.start();
            String uuid = emulator.awaitQrUuid(WAIT);
            bot.phone().scan(uuid);
            bot.phone().confirm();
            online.get(WAIT.toSeconds(), TimeUnit.SECONDS);

            List<String> problems = new CopyOnWriteArrayList<>();
            SentLog log = new SentLog();
            Chatter chatter = Chatter.start(emulator, 200, 42, true, log, problems::add);
            try {
                Await.until(() -> bot.conversation().size() >= 60,
                        () -> "60 conversation lines, got " + bot.conversation().size(), WAIT);
            } finally {
                chatter.close();
            }
            assertEquals(List.of(), problems);
            Set<String> writers = bot.conversation().stream().map(ConversationLine::from).collect(Collectors.toSet());
            assertEquals(Set.of("Alice", "Bob"), writers, "friends, and the same friends as group members");
            Set<String> chats = bot.conversation().stream().map(ConversationLine::to).collect(Collectors.toSet());
            assertTrue(chats.containsAll(Set.of("Bot", "Weekend hikers")), chats.toString());
            assertTrue(log.last().isPresent(), "the console can revoke what the chatter sent");
            session.stop();
        }
    }

    @Test
    void rateMustBePositiveAndBounded() {
        try (Emulator emulator = Emulator.builder().port(0).start()) {
            assertThrows(IllegalArgumentException.class,
                    () -> Chatter.start(emulator, 0, 1, false, new SentLog(), line -> { }));
            assertThrows(IllegalArgumentException.class,
                    () -> Chatter.start(emulator, 5000, 1, false, new SentLog(), line -> { }));
        }
    }
}
