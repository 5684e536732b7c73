package dev.webwxbot.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.core.internal.message.MessageParser;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link MessageParser#parse} over every captured {@code AddMsgList} entry of the corpus (46 at the time of
 * writing: 16 texts, 15 XML-bearing kinds, …) once per operation; the score divided by the count printed at setup
 * is the mean cost of a message of the corpus's mix.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class MessageCorpusBenchmark {

    private MessageParser parser;
    private List<JsonNode> corpus;

    @Setup
    public void load() {
        parser = new MessageParser(Corpus.loggedInContacts());
        corpus = Corpus.samples("addmsg").stream().map(Corpus::message).toList();
        System.out.println("corpus: " + corpus.size() + " messages per operation");
    }

    @Benchmark
    public void everySample(Blackhole sink) {
        for (JsonNode each : corpus) sink.consume(parser.parse(each));
    }
}
