package dev.webwxbot.benchmarks;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.MessageHandler;
import dev.webwxbot.api.Outcome;
import dev.webwxbot.api.Phase;
import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.core.chain.DispatchTrace;
import dev.webwxbot.core.chain.PluginChain;
import dev.webwxbot.core.chain.RegisteredHandler;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The chain's own cost per event: {@link PluginChain#dispatch} through {@code handlers} handlers that do nothing
 * (guard, main …, monitor), so what is measured is ordering, scope checks, budgets, virtual-thread hand-offs and
 * the trace — the overhead every plugin pays before its own code runs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class PluginChainBenchmark {

    private static final int CHATS = 64;

    @Param({"1", "4"})
    public int handlers;

    private PluginChain chain;
    private Bot bot;
    private TextMessage oneChat;
    private List<TextMessage> manyChats;

    @Setup
    public void build() {
        List<RegisteredHandler> registered = new ArrayList<>();
        for (int i = 0; i < handlers; i++) {
            Phase phase = i == 0 ? Phase.GUARD : i == handlers - 1 ? Phase.MONITOR : Phase.MAIN;
            MessageHandler noOp = (event, context) -> Outcome.CONTINUE;
            registered.add(new RegisteredHandler("plugin-" + i, noOp, phase, 0));
        }
        chain = new PluginChain(registered);
        // No-op handlers never touch the bot; any call would be a bug in this benchmark.
        bot = (Bot) Proxy.newProxyInstance(Bot.class.getClassLoader(), new Class<?>[] {Bot.class}, (proxy, method, args) -> {
            throw new UnsupportedOperationException("the benchmark's handlers do not use the bot: " + method.getName());
        });
        oneChat = text("friend-0");
        manyChats = new ArrayList<>();
        for (int i = 0; i < CHATS; i++) manyChats.add(text("friend-" + i));
    }

    @TearDown
    public void close() {
        chain.close();
    }

    /** One event, start to trace: the latency a lone message sees from the chain. */
    @Benchmark
    public DispatchTrace oneEvent() {
        return chain.dispatch(oneChat, bot).join();
    }

    /** 64 events of 64 chats dispatched together (chats run in parallel): the chain's throughput, per event. */
    @Benchmark
    @OperationsPerInvocation(CHATS)
    public void eventsOfManyChats() {
        List<CompletableFuture<DispatchTrace>> traces = new ArrayList<>(CHATS);
        for (TextMessage event : manyChats) traces.add(chain.dispatch(event, bot));
        for (CompletableFuture<DispatchTrace> trace : traces) {
            if (trace.join().steps().size() != handlers) throw new IllegalStateException("a handler did not run");
        }
    }

    private static TextMessage text(String userName) {
        Contact friend = new Contact(userName, userName, "", "", ContactKind.FRIEND, "");
        return new TextMessage(new Envelope("1", friend, friend, Instant.EPOCH, false, false), "hello");
    }
}
