package dev.webwxbot.testkit;

import dev.webwxbot.api.event.FriendRequest;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The friend requests the bot's session received, by the requester's user name, so a test that had a stranger ask
 * finds the message its handling is kept under. Thread-safe: written by the session, awaited by tests.
 */
final class FriendRequestLog {

    private final ConcurrentHashMap<String, CompletableFuture<String>> msgIds = new ConcurrentHashMap<>();

    void received(FriendRequest request) {
        future(request.userName()).complete(request.msgId());
    }

    /** The message id of {@code requesterUserName}'s request once the bot has it; empty after {@code within}. */
    Optional<String> await(String requesterUserName, Duration within) {
        try {
            return Optional.of(future(requesterUserName).get(within.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        }
    }

    private CompletableFuture<String> future(String userName) {
        return msgIds.computeIfAbsent(userName, name -> new CompletableFuture<>());
    }
}
