package dev.webwxbot.core.internal.send;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The one door every outgoing call of a session (sends, uploads, friend and group operations) goes through, so
 * that pacing and back-off live in one place. Thread-safe.
 */
public interface OutgoingGate {

    /**
     * Runs {@code call} when the limits allow; calls for the same chat run in submission order. The returned
     * future completes as the call's does.
     *
     * @param chatUserName the chat the call is about, for per-chat ordering and limits
     */
    <T> CompletableFuture<T> submit(String chatUserName, Supplier<CompletableFuture<T>> call);

    /** A gate that runs every call at once: for tests of the calls themselves. */
    OutgoingGate UNPACED = new OutgoingGate() {
        @Override
        public <T> CompletableFuture<T> submit(String chatUserName, Supplier<CompletableFuture<T>> call) {
            return call.get();
        }
    };
}
