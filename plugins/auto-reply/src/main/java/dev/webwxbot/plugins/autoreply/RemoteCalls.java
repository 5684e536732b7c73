package dev.webwxbot.plugins.autoreply;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one HTTP path of the plugin's remote actions (the {@code http} action and the LLM): a JDK {@link HttpClient}
 * created when the plugin starts and shut down when it stops, with the limits a chat reply needs and nothing else.
 *
 * <ul>
 *   <li>One deadline for the whole exchange, connecting included: the calling thread waits at most {@code timeout},
 *       then the exchange is cancelled, so a slow or silent server never holds a chat longer.</li>
 *   <li>A response body is read up to {@code maxBytes} and no further: a larger one (announced or not) is a failure,
 *       not a memory problem.</li>
 *   <li>No retries and no redirects: a reply the chat waits for is tried once; a redirect could carry the
 *       {@code Authorization} header to another host.</li>
 *   <li>A status outside 2xx is a failure; its body is not read.</li>
 * </ul>
 *
 * <p>Failures come back as values whose reason never contains the URL, a header or the body, so they can be logged
 * as they are. Thread-safe; calls block the calling (virtual) thread.
 */
final class RemoteCalls implements AutoCloseable {

    private final ExecutorService executor;
    private final HttpClient client;

    RemoteCalls() {
        executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("auto-reply-http-", 0).factory());
        client = HttpClient.newBuilder()
                .executor(executor)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** What an exchange gave. */
    sealed interface Exchange {
    }

    /** A 2xx answer and its whole body. */
    record Answered(int status, byte[] body) implements Exchange {
    }

    /**
     * No usable answer.
     *
     * @param reason for the log, such as {@code no answer within 5s} or {@code status 503}; free of secrets
     */
    record Failed(String reason) implements Exchange {
    }

    /**
     * Sends {@code request} and waits for its answer, at most {@code timeout} in all.
     *
     * @param maxBytes the largest body accepted
     */
    Exchange exchange(HttpRequest request, Duration timeout, long maxBytes) {
        CompletableFuture<HttpResponse<byte[]>> pending;
        try {
            pending = client.sendAsync(request, response -> bodyOf(response, maxBytes));
        } catch (IllegalArgumentException | IllegalStateException e) {
            return new Failed("the request could not be sent (" + e.getClass().getSimpleName() + ")");
        }
        try {
            HttpResponse<byte[]> response = pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            int status = response.statusCode();
            if (status < 200 || status > 299) return new Failed("status " + status);
            return new Answered(status, response.body());
        } catch (TimeoutException e) {
            pending.cancel(true);
            return new Failed("no answer within " + readable(timeout));
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            return new Failed("interrupted (the plugin is stopping)");
        } catch (ExecutionException e) {
            return new Failed(reason(e.getCause(), timeout, maxBytes));
        }
    }

    private static HttpResponse.BodySubscriber<byte[]> bodyOf(HttpResponse.ResponseInfo response, long maxBytes) {
        int status = response.statusCode();
        if (status < 200 || status > 299) return HttpResponse.BodySubscribers.replacing(new byte[0]);
        long declared = response.headers().firstValueAsLong("content-length").orElse(-1);
        return new CappedBody(declared > maxBytes ? -1 : maxBytes);
    }

    /** Why an exchange failed, in words that name no URL, header or body (exception messages may quote the URL). */
    private static String reason(Throwable cause, Duration timeout, long maxBytes) {
        return switch (cause) {
            case TooLarge ignored -> "the response is larger than " + ByteSize.readable(maxBytes);
            case HttpConnectTimeoutException ignored -> "could not connect within " + readable(timeout);
            case HttpTimeoutException ignored -> "no answer within " + readable(timeout);
            case ConnectException ignored -> "could not connect (is the server running?)";
            case IOException io when io.getCause() instanceof TooLarge ->
                    "the response is larger than " + ByteSize.readable(maxBytes);
            case IOException io -> "connection failed (" + io.getClass().getSimpleName() + ")";
            case null -> "failed";
            default -> "failed (" + cause.getClass().getSimpleName() + ")";
        };
    }

    static String readable(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    /** Stops every exchange in flight and the client's threads. */
    @Override
    public void close() {
        client.shutdownNow();
        executor.shutdownNow();
    }

    /** The body was (or was announced to be) larger than the limit. No stack trace: it is an answer, not a bug. */
    private static final class TooLarge extends IOException {
        TooLarge() {
            super("response too large", null);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /**
     * Collects a body up to a limit and cancels the stream past it. A limit of -1 reads nothing: the body was
     * announced too large, so the exchange fails at once.
     */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final long limit;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        private Flow.Subscription subscription;

        CappedBody(long limit) {
            this.limit = limit;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (limit < 0) {
                subscription.cancel();
                result.completeExceptionally(new TooLarge());
            } else {
                subscription.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) return;
            for (ByteBuffer item : items) {
                if (out.size() + (long) item.remaining() > limit) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLarge());
                    return;
                }
                byte[] bytes = new byte[item.remaining()];
                item.get(bytes);
                out.writeBytes(bytes);
            }
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(out.toByteArray());
        }

        @Override
        public java.util.concurrent.CompletionStage<byte[]> getBody() {
            return result;
        }
    }
}
