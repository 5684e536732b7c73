package dev.webwxbot.cluster.stream;

import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XTrimArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's side of its calls: each call goes onto the account's command stream, and its answer comes back on the
 * worker's own answer stream, read by one thread that hands each answer to the call waiting for it.
 */
final class Caller implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Caller.class);

    private final StreamLink link;
    private final StreamKeys keys;
    private final String node;
    private final Duration timeout;
    private final Map<String, CompletableFuture<Answer>> waiting = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final BlockingReader reader;
    /** The last answer read (only the reader's thread touches it). */
    private String after = "0-0";

    Caller(StreamLink link, StreamKeys keys, String node, Duration timeout) {
        this.link = link;
        this.keys = keys;
        this.node = node;
        this.timeout = timeout;
        // Answers left from an earlier run of this node name are nobody's now.
        link.shared().sync().del(keys.answers(node));
        this.reader = new BlockingReader("worker-answers", link, this::readAnswers);
    }

    String node() {
        return node;
    }

    /** A call id unique to this worker. */
    String nextId() {
        return node + "-" + ids.incrementAndGet();
    }

    /** Puts a report or a call no answer is awaited for on {@code account}'s command stream, without waiting. */
    CompletableFuture<String> tell(String account, Call call) {
        return link.shared().async().xadd(keys.commands(account), call.body()).toCompletableFuture();
    }

    /**
     * Makes {@code call} of {@code account}'s gateway and waits for its answer; throws {@link CallRunner.CallFailed}
     * when none comes in time (no gateway holds the account, or it died with the call) or Redis cannot be reached.
     */
    Answer call(String account, Call call) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        waiting.put(call.id(), answer);
        try {
            link.shared().sync().xadd(keys.commands(account), call.body());
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new CallRunner.CallFailed("no gateway answered within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallRunner.CallFailed("interrupted while waiting for the gateway");
        } catch (ExecutionException e) {
            throw new CallRunner.CallFailed("the call failed: " + e.getCause().getClass().getSimpleName());
        } catch (RuntimeException e) {
            throw new CallRunner.CallFailed("Redis could not take the call: " + e.getClass().getSimpleName());
        } finally {
            waiting.remove(call.id());
        }
    }

    /** One read of this worker's answer stream: each answer to the call waiting for it, then the stream trimmed. */
    private void readAnswers(StatefulRedisConnection<String, String> connection) {
        List<StreamMessage<String, String>> read = connection.sync().xread(
                XReadArgs.Builder.block(BlockingReader.WAIT).count(500), XReadArgs.StreamOffset.from(keys.answers(node), after));
        for (StreamMessage<String, String> entry : read) {
            after = entry.getId();
            deliver(entry.getBody());
        }
        if (!read.isEmpty()) {
            link.shared().async().xtrim(keys.answers(node), XTrimArgs.Builder.minId(after).approximateTrimming());
        }
    }

    private void deliver(Map<String, String> body) {
        try {
            Answer answer = Answer.of(body);
            CompletableFuture<Answer> call = waiting.get(answer.call());
            if (call != null) call.complete(answer);
        } catch (WireException e) {
            log.warn("worker {}: an answer that cannot be read was skipped: {}", node, e.getMessage());
        }
    }

    /** XADD options for an answer: the stream is read at once, so a bounded one is plenty. */
    static XAddArgs answerTrim() {
        return XAddArgs.Builder.maxlen(10_000).approximateTrimming();
    }

    @Override
    public void close() {
        reader.close();
        waiting.values().forEach(call -> call.completeExceptionally(new IllegalStateException("worker closed")));
    }
}
