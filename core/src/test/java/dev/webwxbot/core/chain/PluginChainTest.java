package dev.webwxbot.core.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.MessageHandler;
import dev.webwxbot.api.Outcome;
import dev.webwxbot.api.Phase;
import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.api.event.TextMessage;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PluginChainTest {

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private PluginChain chain;

    @AfterEach
    void close() {
        if (chain != null) chain.close();
    }

    @Test
    void handlersRunByPhaseThenPriorityThenPluginIdWhateverTheRegistrationOrder() throws Exception {
        chain = new PluginChain(List.of(
                handler("zeta", Phase.MAIN, 0, Outcome.CONTINUE),
                handler("fallback", Phase.FALLBACK, 100, Outcome.CONTINUE),
                handler("alpha", Phase.MAIN, 0, Outcome.CONTINUE),
                handler("urgent", Phase.MAIN, 10, Outcome.CONTINUE),
                handler("guard", Phase.GUARD, -5, Outcome.CONTINUE)));
        chain.dispatch(text("a", "hi"), bot()).get(5, TimeUnit.SECONDS);
        assertEquals(List.of("guard", "urgent", "alpha", "zeta", "fallback"), calls);
    }

    @Test
    void stopKeepsLaterHandlersButNotMonitorsFromTheEvent() throws Exception {
        chain = new PluginChain(List.of(
                handler("monitor", Phase.MONITOR, 0, Outcome.STOP),
                handler("stopper", Phase.MAIN, 5, Outcome.STOP),
                handler("later", Phase.MAIN, 0, Outcome.CONTINUE),
                handler("fallback", Phase.FALLBACK, 0, Outcome.CONTINUE)));
        DispatchTrace trace = chain.dispatch(text("a", "hi"), bot()).get(5, TimeUnit.SECONDS);
        assertEquals(List.of("stopper", "monitor"), calls);
        assertEquals(DispatchTrace.Result.STOPPED, trace.steps().get(0).result());
    }

    @Test
    void throwingHandlerIsRecordedAsFailedAndTheChainGoesOn() throws Exception {
        MessageHandler broken = (event, context) -> {
            throw new IllegalStateException("boom");
        };
        chain = new PluginChain(List.of(
                new RegisteredHandler("broken", broken, Phase.MAIN, 10),
                handler("healthy", Phase.MAIN, 0, Outcome.CONTINUE)));
        DispatchTrace trace = chain.dispatch(text("a", "hi"), bot()).get(5, TimeUnit.SECONDS);
        assertEquals(DispatchTrace.Result.FAILED, trace.steps().get(0).result());
        assertEquals(List.of("healthy"), calls);
    }

    @Test
    void replyGoesToTheEventsChatAndIsCountedInTheTrace() throws Exception {
        MessageHandler replier = (event, context) -> {
            context.reply("pong");
            return Outcome.STOP;
        };
        chain = new PluginChain(List.of(new RegisteredHandler("replier", replier, Phase.MAIN, 0)));
        DispatchTrace trace = chain.dispatch(text("@@group", "ping"), bot()).get(5, TimeUnit.SECONDS);
        assertEquals(List.of("@@group:pong"), sent);
        assertTrue(trace.replied());
    }

    @Test
    void eventsOfOneChatAreHandledInArrivalOrderEvenWhenTheFirstIsSlow() throws Exception {
        MessageHandler slowFirst = (event, context) -> {
            TextMessage text = (TextMessage) event;
            if (text.text().equals("1")) Thread.sleep(200);
            calls.add(text.text());
            return Outcome.CONTINUE;
        };
        chain = new PluginChain(List.of(new RegisteredHandler("ordered", slowFirst, Phase.MAIN, 0)));
        var first = chain.dispatch(text("a", "1"), bot());
        var second = chain.dispatch(text("a", "2"), bot());
        second.get(5, TimeUnit.SECONDS);
        first.get(5, TimeUnit.SECONDS);
        assertEquals(List.of("1", "2"), calls);
    }

    @Test
    void aSlowChatDoesNotHoldUpAnotherChat() throws Exception {
        MessageHandler slowForA = (event, context) -> {
            TextMessage text = (TextMessage) event;
            if (text.chat().userName().equals("a")) Thread.sleep(500);
            calls.add(text.chat().userName());
            return Outcome.CONTINUE;
        };
        chain = new PluginChain(List.of(new RegisteredHandler("parallel", slowForA, Phase.MAIN, 0)));
        var slow = chain.dispatch(text("a", "x"), bot());
        chain.dispatch(text("b", "y"), bot()).get(5, TimeUnit.SECONDS);
        assertEquals(List.of("b"), calls);
        slow.get(5, TimeUnit.SECONDS);
    }

    private RegisteredHandler handler(String pluginId, Phase phase, int priority, Outcome outcome) {
        MessageHandler handler = (event, context) -> {
            calls.add(pluginId);
            return outcome;
        };
        return new RegisteredHandler(pluginId, handler, phase, priority);
    }

    private static TextMessage text(String chat, String body) {
        Contact contact = new Contact(chat, chat, "", "", chat.startsWith("@@") ? ContactKind.GROUP : ContactKind.FRIEND, "");
        return new TextMessage(new Envelope("1", contact, contact, Instant.EPOCH, false, false), body);
    }

    private Bot bot() {
        return new RecordingBot(sent);
    }
}
