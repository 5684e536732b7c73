package dev.webwxbot.cluster.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.testsupport.Await;
import dev.webwxbot.testsupport.RedisProcess;
import io.lettuce.core.Range;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An account's stream read through its consumer group over a real {@code redis-server}: what a reader left unfinished
 * is taken by the next one, in order and before anything new; finished entries are acknowledged and trimmed away.
 */
class StreamLoopTest {

    private static final String STREAM = "t:events:{alice}";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private RedisProcess redis;
    private StreamLink link;
    private final List<StreamLoop> loops = new ArrayList<>();

    /** What a reader was handed, as "reader: entry's n", and the finish of each entry it holds. */
    private final List<String> taken = new CopyOnWriteArrayList<>();
    private final Map<String, Runnable> unfinished = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws Exception {
        redis = RedisProcess.start();
        link = new StreamLink(redis.uri());
    }

    @AfterEach
    void stop() {
        loops.forEach(StreamLoop::close);
        if (link != null) link.close();
        if (redis != null) redis.close();
    }

    /** A reader named {@code name} serving alice while {@code serving} says so; it finishes entries only when told. */
    private StreamLoop reader(String name, Supplier<Boolean> serving, Duration sweepEvery, Duration stoppedReader) {
        StreamLoop loop = new StreamLoop("test-" + name, link, account -> "t:events:{" + account + "}", "workers",
                name, () -> serving.get() ? Set.of("alice") : Set.of(), (account, id, body, finished) -> {
                    if (!serving.get()) return false;
                    taken.add(name + ": " + body.get("n"));
                    unfinished.put(body.get("n"), finished);
                    return true;
                }, sweepEvery, stoppedReader);
        loops.add(loop);
        return loop;
    }

    private StreamLoop reader(String name) {
        return reader(name, () -> true, StreamLoop.SWEEP, StreamLoop.STOPPED_READER);
    }

    private void add(int from, int to) throws Exception {
        for (int n = from; n <= to; n++) redis.command("XADD", STREAM, "*", "n", "" + n);
    }

    private void finish(String... entries) {
        for (String n : entries) unfinished.remove(n).run();
    }

    private List<String> takenBy(String reader) {
        return taken.stream().filter(line -> line.startsWith(reader + ": ")).map(line -> line.substring(reader.length() + 2))
                .toList();
    }

    @Test
    void whatAStoppedReaderLeftUnfinishedIsTakenByTheNextInOrderBeforeAnythingNew() throws Exception {
        add(1, 4);
        StreamLoop first = reader("w1");
        Await.until(() -> takenBy("w1").equals(List.of("1", "2", "3", "4")), () -> "w1 takes all four: " + taken, WAIT);
        finish("1", "3"); // 2 and 4 still running when w1 stops (a crash: nothing more is acknowledged)
        Await.until(() -> pending() == 2, () -> "1 and 3 acknowledged: " + pending(), WAIT);
        first.close();
        unfinished.clear();
        add(5, 5);

        reader("w2");
        Await.until(() -> takenBy("w2").size() == 3, () -> "w2 takes 2, 4 and then 5: " + taken, WAIT);
        assertEquals(List.of("2", "4", "5"), takenBy("w2"), "the unfinished ones first, in order; 1 and 3 not again");
        finish("2", "4", "5");
        Await.until(() -> pending() == 0, () -> "all acknowledged: " + pending(), WAIT);
        assertEquals(new StreamLag("alice", 0, 0), lag(), "nothing waits");
    }

    @Test
    void anEntryRefusedByAReaderNoLongerServingTheAccountIsTakenByItsNextReader() throws Exception {
        AtomicBoolean w1Serves = new AtomicBoolean(true);
        reader("w1", w1Serves::get, StreamLoop.SWEEP, StreamLoop.STOPPED_READER);
        add(1, 1);
        Await.until(() -> takenBy("w1").equals(List.of("1")), () -> "w1 takes 1: " + taken, WAIT);
        w1Serves.set(false); // the account moved while w1's read was on its way: w1 refuses what it is handed
        add(2, 2);

        reader("w2");
        Await.until(() -> takenBy("w2").contains("2"), () -> "w2 takes 2: " + taken, WAIT);
        assertEquals(List.of("1"), takenBy("w1"));
    }

    @Test
    void anEntryDeliveredToAnotherReaderAfterTheAccountMovedHereIsClaimedAtTheNextSweep() throws Exception {
        add(1, 1);
        reader("w2", () -> true, Duration.ofMillis(200), StreamLoop.STOPPED_READER);
        Await.until(() -> takenBy("w2").equals(List.of("1")), () -> "w2 takes 1: " + taken, WAIT);
        // The old reader's blocking read, in flight as the account moved, is delivered 2 after w2 joined (in one
        // script, so that w2's own blocking read cannot be handed 2 first).
        redis.command("EVAL", "redis.call('XADD', KEYS[1], '*', 'n', '2'); "
                + "return redis.call('XREADGROUP', 'GROUP', 'workers', 'w1', 'STREAMS', KEYS[1], '>')", "1", STREAM);
        assertEquals(1L, redis().xpending(STREAM, "workers").getConsumerMessageCount().get("w1"), "2 went to w1");
        Await.until(() -> takenBy("w2").contains("2"), () -> "w2 claims 2 from w1: " + taken, WAIT);
        assertEquals(1, takenBy("w2").stream().filter("2"::equals).count(), "once");
    }

    @Test
    void finishedEntriesAreTrimmedAwayBehindTheOldestUnfinishedOne() throws Exception {
        add(1, 400);
        reader("w1", () -> true, Duration.ofMillis(200), StreamLoop.STOPPED_READER);
        Await.until(() -> takenBy("w1").size() == 400, () -> "w1 takes all: " + takenBy("w1").size(), WAIT);
        for (int n = 1; n <= 400; n++) {
            if (n != 350) finish("" + n);
        }
        // Trimming is approximate (whole nodes of 100 entries): what is left starts at most a node before 350.
        Await.until(() -> redis().xlen(STREAM) <= 150, () -> "trimmed: " + redis().xlen(STREAM), WAIT);
        assertTrue(redis().xrange(STREAM, Range.create("-", "+")).stream()
                .anyMatch(entry -> entry.getBody().get("n").equals("350")), "the unfinished one is kept");
        assertEquals(new StreamLag("alice", 1, 0), lag(), "one waits");
    }

    @Test
    void readersThatStoppedLongAgoWithNothingPendingAreForgottenWhenTheAccountIsJoined() throws Exception {
        add(1, 1);
        redis.command("XGROUP", "CREATE", STREAM, "workers", "0");
        redis.command("XGROUP", "CREATECONSUMER", STREAM, "workers", "old-node");
        // Idle time is Redis's own clock: the reader below counts 20 ms as long ago.
        Await.until(() -> readers().stream().anyMatch(r -> r.get("idle") instanceof Long idle && idle > 40),
                () -> "old-node idle a while: " + readers(), WAIT);
        reader("w2", () -> true, StreamLoop.SWEEP, Duration.ofMillis(20));
        Await.until(() -> takenBy("w2").equals(List.of("1")), () -> "w2 takes 1: " + taken, WAIT);
        assertEquals(List.of("w2"), readers().stream().map(r -> r.get("name")).toList());
    }

    @Test
    void aStreamDeletedUnderItsReaderIsMadeAgainAndReadOn() throws Exception {
        add(1, 1);
        reader("w1", () -> true, Duration.ofMillis(200), StreamLoop.STOPPED_READER);
        Await.until(() -> takenBy("w1").equals(List.of("1")), () -> "w1 takes 1: " + taken, WAIT);
        redis.command("DEL", STREAM); // during w1's blocking read: no warning, the read goes on (LogGuard checks)
        Await.until(() -> redis().exists(STREAM) == 1, "the stream made again", WAIT);
        add(2, 2);
        Await.until(() -> takenBy("w1").equals(List.of("1", "2")), () -> "w1 reads on: " + taken, WAIT);
    }

    private RedisCommands<String, String> redis() {
        return link.shared().sync();
    }

    private long pending() {
        return redis().xpending(STREAM, "workers").getCount();
    }

    private List<Map<String, Object>> readers() {
        return InfoFields.of(redis().xinfoConsumers(STREAM, "workers"));
    }

    private StreamLag lag() throws Exception {
        redis.command("SADD", "t:accounts", "alice");
        return StreamLag.read(redis.uri(), "t").getFirst();
    }
}
