package dev.webwxbot.launcher.bench;

import dev.webwxbot.emulator.ConversationLine;
import dev.webwxbot.emulator.Direction;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The emulator's own record of numbered messages ({@code bench 17}) and their echoes ({@code bench 17} from our
 * echo plugin, {@code echo: bench 17} from wechat4u's bot): when each was injected (its incoming conversation line)
 * and when its first answer arrived (the outgoing line), in microseconds of the emulator's clock. Fed by
 * {@link dev.webwxbot.emulator.Account#onConversation} on the emulator's threads; thread-safe.
 */
final class ReplyLedger {

    private static final Pattern NUMBERED = Pattern.compile("(?:^|\\s)bench (\\d{1,9})$");

    private final AtomicLongArray injectedMicros;
    private final AtomicLongArray answeredMicros;
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger answeredTwice = new AtomicInteger();
    private volatile long lastAnswerNanos = System.nanoTime();
    /** Set for a closed loop: every first answer frees one place in the window. */
    private volatile Semaphore window;

    /** A ledger for messages 1 … {@code capacity}. */
    ReplyLedger(int capacity) {
        injectedMicros = new AtomicLongArray(capacity + 1);
        answeredMicros = new AtomicLongArray(capacity + 1);
    }

    static String text(int number) {
        return "bench " + number;
    }

    int capacity() {
        return injectedMicros.length() - 1;
    }

    /** A conversation line of any account watched: a numbered message in, or an answer to one out. */
    void onLine(ConversationLine line) {
        Matcher m = NUMBERED.matcher(line.text());
        if (!m.find()) return; // wechat4u's keep-alive to filehelper, contact notices, …
        int number = Integer.parseInt(m.group(1));
        if (number < 1 || number > capacity()) return;
        long micros = micros(line.time());
        if (line.direction() == Direction.INCOMING) {
            injectedMicros.compareAndSet(number, 0, micros);
        } else if (answeredMicros.compareAndSet(number, 0, micros)) {
            answered.incrementAndGet();
            lastAnswerNanos = System.nanoTime();
            Semaphore w = window;
            if (w != null) w.release();
        } else {
            answeredTwice.incrementAndGet();
        }
    }

    /** From now on every first answer releases one permit of {@code window}; {@code null} stops that. */
    void releaseInto(Semaphore window) {
        this.window = window;
    }

    int answeredSoFar() {
        return answered.get();
    }

    int answeredTwice() {
        return answeredTwice.get();
    }

    long nanosSinceLastAnswer() {
        return System.nanoTime() - lastAnswerNanos;
    }

    /** How many of messages {@code from} … {@code to - 1} have an answer. */
    int answeredIn(int from, int to) {
        int count = 0;
        for (int n = from; n < to; n++) {
            if (answeredMicros.get(n) != 0) count++;
        }
        return count;
    }

    /** The inject→answer figures of messages {@code from} … {@code to - 1} as the emulator saw them. */
    Timings timings(int from, int to) {
        long[] latencies = new long[to - from];
        int count = 0;
        long firstIn = Long.MAX_VALUE;
        long lastOut = Long.MIN_VALUE;
        int injected = 0;
        for (int n = from; n < to; n++) {
            long in = injectedMicros.get(n);
            long out = answeredMicros.get(n);
            if (in != 0) {
                injected++;
                firstIn = Math.min(firstIn, in);
            }
            if (in != 0 && out != 0) {
                latencies[count++] = out - in;
                lastOut = Math.max(lastOut, out);
            }
        }
        long[] sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        double span = count == 0 ? Double.NaN : Math.max(1, lastOut - firstIn) / 1e6;
        return new Timings(injected, count, count / span, percentile(sorted, 0.50), percentile(sorted, 0.99),
                percentile(sorted, 0.999));
    }

    /**
     * @param injected      messages the emulator delivered to the account (its incoming lines)
     * @param answered      of those, how many were answered
     * @param perSecond     answered ÷ (last answer − first injection), seconds
     * @param p50Millis     median inject→answer latency; NaN when nothing was answered
     */
    record Timings(int injected, int answered, double perSecond, double p50Millis, double p99Millis,
                   double p999Millis) {
    }

    /** Nearest rank: the smallest latency that at least {@code p} of all are not above, in ms. */
    private static double percentile(long[] sortedMicros, double p) {
        if (sortedMicros.length == 0) return Double.NaN;
        int rank = (int) Math.ceil(p * sortedMicros.length);
        return sortedMicros[Math.max(0, rank - 1)] / 1000.0;
    }

    private static long micros(Instant time) {
        return time.getEpochSecond() * 1_000_000L + time.getNano() / 1000;
    }
}
