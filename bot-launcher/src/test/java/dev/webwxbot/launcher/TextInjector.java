package dev.webwxbot.launcher;

import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Friends' texts at a steady rate from a background thread: round-robin over the accounts, one text every
 * {@code period / accounts}, each unique ({@code <prefix>-<seq>}), so each account gets one every {@code period}.
 * Remembers what it injected, when and to which account. Thread-safe; {@link #stop} ends it.
 */
public final class TextInjector implements AutoCloseable {

    /** One text injected: to which emulator account, when (epoch ms). */
    public record Injected(String text, Account account, long epochMillis) {
    }

    private final List<Contact> friends;
    private final List<Account> accounts;
    private final String prefix;
    private final Map<String, Injected> injected = new ConcurrentHashMap<>();
    private final List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("text-injector").factory());

    private TextInjector(List<Account> accounts, List<Contact> friends, String prefix) {
        this.accounts = accounts;
        this.friends = friends;
        this.prefix = prefix;
    }

    /** Starts injecting: each account's friend writes once every {@code period}. */
    public static TextInjector start(List<Account> accounts, List<Contact> friends, String prefix, Duration period) {
        TextInjector injector = new TextInjector(accounts, friends, prefix);
        long every = Math.max(1, period.toNanos() / friends.size());
        injector.timer.scheduleAtFixedRate(injector::injectOne, 0, every, TimeUnit.NANOSECONDS);
        return injector;
    }

    private void injectOne() {
        int seq = next.getAndIncrement();
        int index = seq % friends.size();
        String text = String.format("%s-%06d", prefix, seq);
        try {
            friends.get(index).sendText(text);
            injected.put(text, new Injected(text, accounts.get(index), System.currentTimeMillis()));
        } catch (RuntimeException e) {
            // A failure would end the timer silently: note it, the test asserts there is none.
            failures.add(text + ": " + e);
        }
    }

    /** Texts the emulator refused to inject (none expected). */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** How many texts were injected so far. */
    public int count() {
        return injected.size();
    }

    /** Stops injecting; returns once no text is being injected. */
    public Map<String, Injected> stop() throws InterruptedException {
        timer.shutdown();
        if (!timer.awaitTermination(10, TimeUnit.SECONDS)) throw new AssertionError("the injector did not stop");
        return injected();
    }

    /** Every text injected so far, by text. */
    public Map<String, Injected> injected() {
        return new HashMap<>(injected);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
