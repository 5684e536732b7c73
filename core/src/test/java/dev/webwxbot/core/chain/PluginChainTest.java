package dev.webwxbot.core.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.MessageHandler;
import dev.webwxbot.api.Outcome;
import dev.webwxbot.api.Phase;
import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.testsupport.Await;
import dev.webwxbot.testsupport.CapturedLogs;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PluginChainTest {

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private PluginChain chain;
    /** Tests that make a plugin fail declare the warnings that come of it; any other fails the test. */
    private final CapturedLogs logs = CapturedLogs.attach();

    @AfterEach
    void close() {
        if (chain != null) chain.close();
        logs.close();
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
    void whatAHandlerExplainsBecomesItsStepsDetailAndAFailureOverridesIt() throws Exception {
        logs.expect(Level.WARN, "plugin 'failing' \\(PluginChainTest\\$\\$Lambda.*\\) failed on TextMessage: "
                + "java.lang.IllegalStateException: no luck");
        MessageHandler explaining = (event, context) -> {
            context.explain("first thought");
            context.explain("rule 2 matched");
            return Outcome.STOP;
        };
        MessageHandler failing = (event, context) -> {
            context.explain("about to try");
            throw new IllegalStateException("no luck");
        };
        chain = new PluginChain(List.of(
                new RegisteredHandler("failing", failing, Phase.GUARD, 0),
                new RegisteredHandler("explaining", explaining, Phase.MAIN, 0)));
        DispatchTrace trace = chain.dispatch(text("a", "hi"), bot()).get(5, TimeUnit.SECONDS);
        assertEquals("java.lang.IllegalStateException: no luck", trace.steps().get(0).detail());
        assertEquals(DispatchTrace.Result.STOPPED, trace.steps().get(1).result());
        assertEquals("rule 2 matched", trace.steps().get(1).detail());
    }

    @Test
    void throwingHandlerIsRecordedAsFailedAndTheChainGoesOn() throws Exception {
        logs.expect(Level.WARN, "plugin 'broken' \\(PluginChainTest\\$\\$Lambda.*\\) failed on TextMessage: "
                + "java.lang.IllegalStateException: boom");
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
        CountDownLatch secondStarted = new CountDownLatch(1);
        MessageHandler slowFirst = (event, context) -> {
            TextMessage text = (TextMessage) event;
            if (text.text().equals("1")) {
                // Slow until the second event starts, which must not happen while this one runs: the wait ends
                // at once if it does (and the order then shows it), else after a bounded half second.
                secondStarted.await(500, TimeUnit.MILLISECONDS);
            } else {
                secondStarted.countDown();
            }
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
        CountDownLatch release = new CountDownLatch(1);
        MessageHandler slowForA = (event, context) -> {
            TextMessage text = (TextMessage) event;
            if (text.chat().userName().equals("a")) release.await();
            calls.add(text.chat().userName());
            return Outcome.CONTINUE;
        };
        chain = new PluginChain(List.of(new RegisteredHandler("parallel", slowForA, Phase.MAIN, 0)));
        var slow = chain.dispatch(text("a", "x"), bot());
        try {
            // Chat a's handler stays blocked until released: b can only finish if it does not wait behind a.
            chain.dispatch(text("b", "y"), bot()).get(10, TimeUnit.SECONDS);
            assertEquals(List.of("b"), calls);
            assertFalse(slow.isDone(), "a is still being handled");
        } finally {
            release.countDown();
        }
        slow.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("b", "a"), calls);
    }

    @Test
    void operatorOrderPutsNamedPluginsWhereTheyAreListedAndTheOthersAtTheStarInDeclaredOrder() throws Exception {
        chain = new PluginChain(ChainSettings.defaults().withOrder(List.of("guard-plugin", "*", "auto-reply")),
                (id, why) -> { });
        chain.install(links(
                handler("auto-reply", Phase.GUARD, 100, Outcome.CONTINUE),
                handler("watcher", Phase.MONITOR, 50, Outcome.CONTINUE),
                handler("zeta", Phase.MAIN, 0, Outcome.CONTINUE),
                handler("guard-plugin", Phase.FALLBACK, -100, Outcome.CONTINUE),
                handler("alpha", Phase.MAIN, 0, Outcome.CONTINUE),
                handler("late", Phase.FALLBACK, 0, Outcome.CONTINUE),
                handler("early", Phase.GUARD, 0, Outcome.CONTINUE)));
        chain.dispatch(text("a", "hi"), bot()).get(5, TimeUnit.SECONDS);
        assertEquals(List.of("guard-plugin", "early", "alpha", "zeta", "late", "auto-reply", "watcher"), calls);
    }

    @Test
    void withoutAStarPluginsNotNamedRunAfterTheNamedOnes() throws Exception {
        chain = new PluginChain(ChainSettings.defaults().withOrder(List.of("b")), (id, why) -> { });
        chain.install(links(handler("a", Phase.GUARD, 0, Outcome.CONTINUE), handler("b", Phase.FALLBACK, 0, Outcome.CONTINUE)));
        chain.dispatch(text("a", "hi"), bot()).get(5, TimeUnit.SECONDS);
        assertEquals(List.of("b", "a"), calls);
    }

    @Test
    void stoppedEventIsTracedAsSkippedForLaterHandlersAndSeenByMonitors() throws Exception {
        chain = new PluginChain(List.of(
                handler("stopper", Phase.GUARD, 0, Outcome.STOP),
                handler("main", Phase.MAIN, 0, Outcome.CONTINUE),
                handler("monitor", Phase.MONITOR, 0, Outcome.CONTINUE)));
        DispatchTrace trace = chain.dispatch(text("a", "hi"), bot()).get(5, TimeUnit.SECONDS);
        assertEquals(List.of(DispatchTrace.Result.STOPPED, DispatchTrace.Result.SKIPPED_AFTER_STOP,
                DispatchTrace.Result.CONTINUED), trace.steps().stream().map(DispatchTrace.Step::result).toList());
        assertEquals(List.of("stopper", "monitor"), calls);
    }

    @Test
    void scopeIncludeAndExcludeDecideWhichChatsAPluginHears() throws Exception {
        chain = new PluginChain(ChainSettings.defaults(), (id, why) -> { });
        chain.install(List.of(
                new PluginChain.Link(handler("groups-only", Phase.MAIN, 0, Outcome.CONTINUE),
                        new ChatScope(List.of("groups"), List.of("Noisy group")), Optional.empty(), ""),
                new PluginChain.Link(handler("by-remark", Phase.MAIN, 0, Outcome.CONTINUE),
                        new ChatScope(List.of("Mum"), List.of()), Optional.empty(), "")));
        chain.dispatch(text("@@work", "hi"), bot()).get(5, TimeUnit.SECONDS);
        chain.dispatch(new TextMessage(envelope(new Contact("@@noisy", "Noisy group", "", "", ContactKind.GROUP, "")), "x"), bot())
                .get(5, TimeUnit.SECONDS);
        DispatchTrace mum = chain.dispatch(new TextMessage(envelope(new Contact("mum", "Jane", "Mum", "",
                ContactKind.FRIEND, "")), "x"), bot()).get(5, TimeUnit.SECONDS);
        assertEquals(List.of("groups-only", "by-remark"), calls);
        assertEquals(List.of("by-remark:CONTINUED", "groups-only:SKIPPED_BY_SCOPE"),
                mum.steps().stream().map(step -> step.pluginId() + ":" + step.result()).toList());
    }

    @Test
    void handlerOverItsTimeBudgetIsSkippedTheChainGoesOnAndItsLateReplyIsRefused() throws Exception {
        CountDownLatch lateReplyTried = new CountDownLatch(1);
        List<SendReceipt> late = new CopyOnWriteArrayList<>();
        logs.expect(Level.WARN, "plugin 'sleepy' \\(.*\\) exceeded its time budget of 300 ms on TextMessage; "
                + "the chain went on without it");
        MessageHandler sleepy = (event, context) -> {
            try {
                Thread.sleep(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                late.add(context.reply("too late"));
                lateReplyTried.countDown();
            }
            return Outcome.STOP;
        };
        chain = new PluginChain(ChainSettings.defaults(), (id, why) -> { });
        chain.install(List.of(
                new PluginChain.Link(new RegisteredHandler("sleepy", sleepy, Phase.MAIN, 10), ChatScope.EVERYWHERE,
                        Optional.of(Duration.ofMillis(300)), ""),
                PluginChain.Link.active(handler("next", Phase.MAIN, 0, Outcome.CONTINUE))));
        DispatchTrace trace = chain.dispatch(text("a", "hi"), bot()).get(20, TimeUnit.SECONDS);
        assertEquals(DispatchTrace.Result.TIMED_OUT, trace.steps().get(0).result());
        assertTrue(trace.steps().get(0).detail().contains("300 ms"), trace.steps().get(0).detail());
        assertEquals(List.of("next"), calls);
        assertTrue(lateReplyTried.await(10, TimeUnit.SECONDS));
        assertFalse(late.getFirst().ok());
        assertEquals(List.of(), sent);
        assertEquals(1, chain.counters("sleepy").timeouts());
    }

    /**
     * A burst fills the account's send queue: a handler whose answer waits there longer than its budget is not
     * hanging, so it is neither timed out nor counted against its circuit breaker (which once switched the echo
     * plugin off under load, leaving every later message unanswered).
     */
    @Test
    void timeAHandlerWaitsForItsOwnQueuedSendDoesNotCountAgainstItsBudget() throws Exception {
        CountDownLatch queueDrained = new CountDownLatch(1);
        Bot busy = new dev.webwxbot.core.ForwardingBot(bot()) {
            @Override
            public SendReceipt send(Contact chat, dev.webwxbot.api.Outgoing message) {
                try {
                    queueDrained.await(); // behind a long send queue
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.send(chat, message);
            }
        };
        MessageHandler echo = (event, context) -> {
            context.reply("echo");
            return Outcome.STOP;
        };
        chain = new PluginChain(ChainSettings.defaults(), (id, why) -> { });
        chain.install(List.of(new PluginChain.Link(new RegisteredHandler("echo", echo, Phase.MAIN, 0),
                ChatScope.EVERYWHERE, Optional.of(Duration.ofMillis(300)), "")));
        var dispatched = chain.dispatch(text("a", "hi"), busy);
        org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.TimeoutException.class,
                () -> dispatched.get(1, TimeUnit.SECONDS), "still waiting for its send after three budgets");
        queueDrained.countDown();
        DispatchTrace trace = dispatched.get(10, TimeUnit.SECONDS);
        assertEquals(DispatchTrace.Result.STOPPED, trace.steps().get(0).result());
        assertEquals(List.of("a:echo"), sent, "the answer went out");
        assertEquals(0, chain.counters("echo").timeouts());
        assertEquals(0, chain.counters("echo").failures());
    }

    @Test
    void pluginThatKeepsFailingIsDisabledByItsBreakerAndReportedUntilReset() throws Exception {
        logs.expect(Level.WARN, "plugin 'broken' \\(PluginChainTest\\$\\$Lambda.*\\) failed on TextMessage: "
                        + "java.lang.IllegalStateException: boom")
                .expect(Level.ERROR, "plugin 'broken' disabled: circuit breaker open after 3 failures within 300 s; "
                        + "enable it again with 'plugins enable broken'");
        List<String> tripped = new CopyOnWriteArrayList<>();
        MessageHandler broken = (event, context) -> {
            calls.add("broken");
            throw new IllegalStateException("boom");
        };
        chain = new PluginChain(ChainSettings.defaults().withBreaker(3, Duration.ofMinutes(5)),
                (id, why) -> tripped.add(id + ": " + why));
        chain.install(List.of(PluginChain.Link.active(new RegisteredHandler("broken", broken, Phase.MAIN, 0))));
        for (int i = 0; i < 4; i++) chain.dispatch(text("a", "m" + i), bot()).get(5, TimeUnit.SECONDS);
        assertEquals(List.of("broken", "broken", "broken"), calls);
        assertEquals(List.of("broken: circuit breaker open after 3 failures within 300 s"), tripped);
        DispatchTrace last = chain.recentTraces(Optional.empty()).getLast();
        assertEquals(DispatchTrace.Result.DISABLED, last.steps().getFirst().result());
        assertTrue(chain.tripped("broken"));
        assertEquals(3, chain.counters("broken").failures());

        chain.resetBreaker("broken");
        chain.dispatch(text("a", "again"), bot()).get(5, TimeUnit.SECONDS);
        assertEquals(4, calls.size());
    }

    @Test
    void failuresSpreadWiderThanTheWindowDoNotTripTheBreaker() {
        CircuitBreaker breaker = new CircuitBreaker(2, Duration.ofSeconds(10));
        assertFalse(breaker.recordFailure(0));
        assertFalse(breaker.recordFailure(Duration.ofSeconds(11).toNanos()));
        assertTrue(breaker.recordFailure(Duration.ofSeconds(12).toNanos()));
    }

    @Test
    void traceKeepsOnlyTheMostRecentEventsAndFiltersByChatName() throws Exception {
        chain = new PluginChain(new ChainSettings(List.of("*"), Duration.ofSeconds(5), 0, Duration.ofMinutes(1), 2),
                (id, why) -> { });
        chain.install(links(handler("p", Phase.MAIN, 0, Outcome.CONTINUE)));
        for (String chat : List.of("a", "b", "a")) chain.dispatch(text(chat, "x"), bot()).get(5, TimeUnit.SECONDS);
        assertEquals(2, chain.recentTraces(Optional.empty()).size());
        assertEquals(1, chain.recentTraces(Optional.of("a")).size());
        assertTrue(chain.recentTraces(Optional.of("a")).getFirst().describe().contains("p/"));
    }

    private static List<PluginChain.Link> links(RegisteredHandler... handlers) {
        return java.util.Arrays.stream(handlers).map(PluginChain.Link::active).toList();
    }

    private static Envelope envelope(Contact chat) {
        return new Envelope("1", chat, chat, Instant.EPOCH, false, false);
    }

    @Test
    void anEventQueuedBehindATurnWhenTheChainClosesIsDroppedQuietlyNotFailed() throws Exception {
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        MessageHandler slow = (event, context) -> {
            firstRunning.countDown();
            release.await();
            return Outcome.CONTINUE;
        };
        chain = new PluginChain(List.of(new RegisteredHandler("slow", slow, Phase.MAIN, 0)));
        var first = chain.dispatch(text("a", "first"), bot());
        assertTrue(firstRunning.await(5, TimeUnit.SECONDS));
        var queued = chain.dispatch(text("a", "second"), bot());
        Thread closer = Thread.ofVirtual().start(chain::close);
        // close() shuts the workers down and then waits for the running turn: the queued one can no longer start.
        Await.until(() -> closer.getState() == Thread.State.WAITING || closer.getState() == Thread.State.TIMED_WAITING,
                "close() waits for the running turn", Duration.ofSeconds(5));
        release.countDown();
        first.get(5, TimeUnit.SECONDS);
        DispatchTrace dropped = queued.get(5, TimeUnit.SECONDS);
        assertTrue(dropped.steps().isEmpty(), dropped.toString());
        closer.join();
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
