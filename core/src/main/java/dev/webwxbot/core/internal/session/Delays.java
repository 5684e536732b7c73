package dev.webwxbot.core.internal.session;

import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Timers on the shared event loop, so a waiting session costs a scheduled task, not a thread. */
final class Delays {

    private final EventLoopGroup group;

    Delays(EventLoopGroup group) {
        this.group = group;
    }

    CompletableFuture<Void> after(Duration delay) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        group.schedule(() -> done.complete(null), delay.toMillis(), TimeUnit.MILLISECONDS);
        return done;
    }
}
