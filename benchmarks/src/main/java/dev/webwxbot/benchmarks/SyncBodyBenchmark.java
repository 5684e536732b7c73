package dev.webwxbot.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.core.internal.message.MessageParser;
import dev.webwxbot.core.internal.protocol.Json;
import dev.webwxbot.core.internal.protocol.MalformedResponseException;
import dev.webwxbot.core.internal.protocol.SyncKey;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What the sync loop does with every webwxsync answer and before every synccheck, over whole captured webwxsync
 * bodies: reading the body, the two cursors, and every message in it; writing the cursor back for the next
 * webwxsync (JSON) and synccheck ({@code 1_123|2_456}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class SyncBodyBenchmark {

    /** wechat4u's test body (51 + text), a real browser capture (47/51/43/1), a Go library's example, itchat fixtures. */
    @Param({"wechat4u-test-webwxsync.json", "qjesus-webwxsync.json", "wwdk-sync-webwxsync.json",
            "wcap-worker-returnedMsgList.json"})
    public String sample;

    private byte[] body;
    private JsonNode parsed;
    private SyncKey syncKey;
    private MessageParser parser;

    @Setup
    public void load() throws MalformedResponseException {
        body = Corpus.bytes(Corpus.root().resolve("webwxsync").resolve(sample));
        parsed = Json.parse(body);
        syncKey = SyncKey.fromJson(parsed.get("SyncKey"));
        if (syncKey.isEmpty()) throw new IllegalStateException(sample + " has no SyncKey");
        parser = new MessageParser(Corpus.loggedInContacts());
    }

    /** Bytes to tree: Jackson's share of a sync. */
    @Benchmark
    public JsonNode readBody() throws MalformedResponseException {
        return Json.parse(body);
    }

    /** Both cursors out of an already-read body. */
    @Benchmark
    public void readCursors(Blackhole sink) {
        sink.consume(SyncKey.fromJson(parsed.get("SyncKey")));
        sink.consume(SyncKey.fromJson(parsed.get("SyncCheckKey")));
    }

    /** The cursor as the next webwxsync body field and the next synccheck parameter. */
    @Benchmark
    public void writeCursor(Blackhole sink) {
        sink.consume(Json.write(syncKey.toJson()));
        sink.consume(syncKey.toSyncCheckString());
    }

    /** Everything the client computes per sync answer: read, cursors, every message to its event. */
    @Benchmark
    public void wholeSync(Blackhole sink) throws MalformedResponseException {
        JsonNode node = Json.parse(body);
        sink.consume(SyncKey.fromJson(node.get("SyncKey")));
        sink.consume(SyncKey.fromJson(node.get("SyncCheckKey")));
        for (JsonNode message : node.path("AddMsgList")) sink.consume(parser.parse(message));
    }
}
