package dev.webwxbot.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.core.internal.message.MessageParser;
import java.nio.file.Path;
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

/**
 * {@link MessageParser#parse} — run once per received message on the network event loop — over real captured
 * {@code AddMsgList} entries, one message kind per {@code sample}. {@link MessageCorpusBenchmark} takes the whole
 * corpus at once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class MessageParserBenchmark {

    /** A friend's text, a group text (sender prefix, mention scan), a link (XML), a friend request (XML). */
    @Param({"itchat4j-readme-type1.json", "puppet-wechat-parse-mention-id-list-L32-type1.json",
            "hellokaton-wechat-api-enums-MsgType-type49-app5.json", "puppet-wechat-puppeteer-friendship-L62-type37.json"})
    public String sample;

    private MessageParser parser;
    private JsonNode message;

    @Setup
    public void load() {
        parser = new MessageParser(Corpus.loggedInContacts());
        Path folder = Corpus.root().resolve("addmsg");
        message = Corpus.message(folder.resolve(sample));
        if (parser.parse(message).isEmpty()) throw new IllegalStateException(sample + " yields no event");
    }

    @Benchmark
    public Object oneSample() {
        return parser.parse(message);
    }
}
