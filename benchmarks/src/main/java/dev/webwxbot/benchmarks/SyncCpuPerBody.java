package dev.webwxbot.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.core.internal.message.MessageParser;
import dev.webwxbot.core.internal.protocol.Json;
import dev.webwxbot.core.internal.protocol.SyncKey;
import java.lang.management.ManagementFactory;

/**
 * What {@code SyncBodyBenchmark.wholeSync} does (read a webwxsync body, both cursors, every message to its event),
 * timed as the thread's CPU time rather than wall time: on a machine shared with other builds, wall-clock JMH
 * figures move by 2-10x with the load, CPU time much less. Prints 5 rounds of 20,000 bodies per sample after 3 of
 * warm-up. Run: {@code java -cp benchmarks/target/benchmarks.jar dev.webwxbot.benchmarks.SyncCpuPerBody SAMPLE...}
 * (file names under {@code testdata/corpus/webwxsync}).
 */
public final class SyncCpuPerBody {
    private SyncCpuPerBody() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: SyncCpuPerBody SAMPLE.json... (from testdata/corpus/webwxsync)");
            System.exit(2);
        }
        var threads = ManagementFactory.getThreadMXBean();
        for (String sample : args) {
            byte[] body = Corpus.bytes(Corpus.root().resolve("webwxsync").resolve(sample));
            MessageParser parser = new MessageParser(Corpus.loggedInContacts());
            long sink = 0;
            for (int round = 0; round < 8; round++) {
                int n = 20_000;
                long cpu0 = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) {
                    JsonNode node = Json.parse(body);
                    sink += SyncKey.fromJson(node.get("SyncKey")).hashCode();
                    sink += SyncKey.fromJson(node.get("SyncCheckKey")).hashCode();
                    for (JsonNode message : node.path("AddMsgList")) sink += parser.parse(message).hashCode();
                }
                long cpu = threads.getCurrentThreadCpuTime() - cpu0;
                if (round >= 3) System.out.printf("%s round %d: %.2f us CPU per body%n", sample, round, cpu / 1e3 / n);
            }
            if (sink == 42) System.out.println(); // keeps the work from being optimised away
        }
    }
}
