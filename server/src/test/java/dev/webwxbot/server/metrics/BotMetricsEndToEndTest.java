package dev.webwxbot.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.core.LoginProgress;
import dev.webwxbot.core.Session;
import dev.webwxbot.core.SessionListener;
import dev.webwxbot.core.SessionOptions;
import dev.webwxbot.core.WebWxClient;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A real session against the emulator, its monitor from {@link BotMetrics}: what it does shows in the scrape. */
class BotMetricsEndToEndTest {

    @Test
    void aSessionsMessagesInAndAnswersOutShowInTheScrape() throws Exception {
        BotMetrics metrics = new BotMetrics();
        LinkedBlockingQueue<SendReceipt> answers = new LinkedBlockingQueue<>();
        try (Emulator emulator = Emulator.builder().port(0).loginPollHold(Duration.ofMillis(500))
                .syncCheckHold(Duration.ofSeconds(1)).start();
             WebWxClient client = WebWxClient.builder().server(URI.create(emulator.baseUrl())).build()) {
            Account account = emulator.addAccount("Bot");
            Contact alice = account.addFriend("Alice");
            SessionListener listener = new SessionListener() {
                @Override
                public void onLoginProgress(LoginProgress step) {
                    if (step instanceof LoginProgress.QrCode qr) {
                        Thread.startVirtualThread(() -> account.phone().scan(qr.uuid()));
                    }
                    if (step instanceof LoginProgress.Scanned) Thread.startVirtualThread(account.phone()::confirm);
                }

                @Override
                public CompletionStage<?> onMessage(MessageEvent message, Bot bot) {
                    metrics.received("alice", message); // the echo of the answer too: not counted
                    if (message.envelope().fromSelf()) return CompletableFuture.completedFuture(null);
                    return CompletableFuture.runAsync(() -> answers.add(bot.send(message.chat(), Outgoing.text("ok"))),
                            Thread::startVirtualThread);
                }
            };
            Session session = client.newSession(SessionOptions.defaults().withMonitor(metrics.forAccount("alice")),
                    listener);
            session.start().get(30, TimeUnit.SECONDS);
            alice.sendText("hi");
            SendReceipt answer = answers.poll(20, TimeUnit.SECONDS);
            assertTrue(answer != null && answer.ok(), String.valueOf(answer));
            alice.sendText("and the echo of the answer came before this"); // in order: the echo is in by now
            assertTrue(answers.poll(20, TimeUnit.SECONDS).ok());
        }
        Map<String, Double> scraped = BotMetricsTest.samples(metrics.scrape());
        assertEquals(2.0, scraped.get("webwx_messages_received_total{account=\"alice\",kind=\"text\"}"));
        assertEquals(2.0, scraped.get("webwx_messages_sent_total{account=\"alice\",kind=\"text\",result=\"sent\"}"));
        assertEquals(2.0, scraped.get("webwx_send_latency_seconds_count{account=\"alice\",kind=\"text\"}"));
        assertEquals(0.0, scraped.get("webwx_sync_errors_total{account=\"alice\"}"));
    }
}
