package dev.webwxbot.core.internal.send;

import io.netty.channel.EventLoopGroup;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/** The clock and timer the governor paces by: the transport's event loop in production, a manual one in tests. */
public interface SendScheduler {

    long nanoTime();

    /** Runs {@code task} once, about {@code delayNanos} from now, without holding a thread while waiting. */
    void schedule(Runnable task, long delayNanos);

    /** Timers on a shared event loop group: a waiting send costs a scheduled task, not a thread. */
    static SendScheduler on(EventLoopGroup group) {
        return new SendScheduler() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void schedule(Runnable task, long delayNanos) {
                try {
                    group.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException closing) {
                    // The client is closing; its sessions stop with it, so nothing is left to pace.
                }
            }
        };
    }
}
