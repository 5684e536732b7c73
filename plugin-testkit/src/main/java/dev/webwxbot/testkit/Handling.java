package dev.webwxbot.testkit;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.core.chain.DispatchTrace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * What became of one message the bot received (or one contact or group event): when it arrived, every send made while the chain handled it (in
 * the order made, whatever the chat), and the chain's trace once every handler had its turn. The sends are tied to
 * the message whose handling made them, so a late answer to one message is never taken for the answer to another.
 * Thread-safe: written by the session and the chain's virtual threads, awaited by the test.
 */
final class Handling {

    /**
     * One send made while handling the message.
     *
     * @param chat where it went
     * @param message what the plugin sent
     * @param receipt the server's answer; empty when the send threw
     * @param error what the send threw; empty when it returned
     */
    record Send(Contact chat, Outgoing message, Optional<SendReceipt> receipt, Optional<RuntimeException> error) {
    }

    /** A consistent view at one moment. */
    record State(Optional<BotEvent> event, Optional<DispatchTrace> trace, Optional<Throwable> failure,
                 List<Send> sends) {

        boolean finished() {
            return trace.isPresent() || failure.isPresent();
        }

        List<Send> sendsTo(String chatUserName) {
            return sends.stream().filter(send -> send.chat().userName().equals(chatUserName)).toList();
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private BotEvent event;
    private DispatchTrace trace;
    private Throwable failure;
    private final List<Send> sends = new ArrayList<>();

    void received(BotEvent received) {
        update(() -> event = received);
    }

    void sent(Send send) {
        update(() -> sends.add(send));
    }

    void finished(DispatchTrace done, Throwable failed) {
        update(() -> {
            trace = done;
            failure = failed;
        });
    }

    State state() {
        lock.lock();
        try {
            return new State(Optional.ofNullable(event), Optional.ofNullable(trace), Optional.ofNullable(failure),
                    List.copyOf(sends));
        } finally {
            lock.unlock();
        }
    }

    /** The state once {@code until} holds, or as it is when {@code within} has passed. */
    State await(Predicate<State> until, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        lock.lock();
        try {
            while (true) {
                State now = state();
                long left = deadline - System.nanoTime();
                if (until.test(now) || left <= 0) return now;
                try {
                    changed.awaitNanos(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return now;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether the chain is done with the message, waiting up to {@code within}; false too when it never came. */
    boolean awaitFinished(Duration within) {
        return await(State::finished, within).finished();
    }

    private void update(Runnable change) {
        lock.lock();
        try {
            change.run();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
