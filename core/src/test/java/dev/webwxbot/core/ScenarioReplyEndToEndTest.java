package dev.webwxbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.emulator.ConversationLine;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.scenario.Scenario;
import dev.webwxbot.emulator.scenario.ScenarioRun;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A scenario step with {@code after = reply} waits until our client has answered over the wire. */
class ScenarioReplyEndToEndTest {

    @Test
    void stepAfterReplyRunsOnlyOnceTheBotHasAnswered() throws Exception {
        Scenario scenario = Scenario.parse("""
                accounts = [ { id = bot, nickname = Bot, friends = [ { id = alice, nickname = Alice } ] } ]
                script = [
                  { do = scan-and-confirm }
                  { after = online, do = send, from = alice, kind = text, text = ping }
                  { after = reply, do = send, from = alice, kind = text, text = "thanks for the pong" }
                ]
                """, "reply.conf", Path.of("."));
        BlockingQueue<TextMessage> texts = new LinkedBlockingQueue<>();
        AtomicReference<Session> session = new AtomicReference<>();
        try (Emulator emulator = Emulator.builder().port(0)
                .loginPollHold(Duration.ofMillis(500)).syncCheckHold(Duration.ofSeconds(1)).start();
             ScenarioRun run = scenario.start(emulator);
             WebWxClient client = WebWxClient.builder().server(URI.create(emulator.baseUrl())).build()) {
            session.set(client.newSession(SessionOptions.defaults(), new SessionListener() {
                @Override
                public void onEvent(BotEvent event) {
                    if (!(event instanceof TextMessage text) || text.envelope().fromSelf()) return;
                    texts.add(text);
                    if (text.text().equals("ping")) {
                        // Sends may block; never on the network thread.
                        Thread.startVirtualThread(() -> session.get().bot().sendText(text.chat(), "pong"));
                    }
                }
            }));
            session.get().start().get(60, TimeUnit.SECONDS);
            assertTrue(run.awaitFinished(Duration.ofSeconds(60)), "the script did not finish");
            assertEquals(Optional.empty(), run.failure());
            assertEquals("ping", texts.poll(30, TimeUnit.SECONDS).text());
            assertEquals("thanks for the pong", texts.poll(30, TimeUnit.SECONDS).text());
            List<String> lines = run.account("bot").conversation().stream().map(ConversationLine::text).toList();
            assertTrue(lines.indexOf("pong") >= 0 && lines.indexOf("pong") < lines.indexOf("thanks for the pong"),
                    lines.toString());
        }
    }
}
