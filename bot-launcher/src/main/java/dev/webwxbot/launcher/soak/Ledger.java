package dev.webwxbot.launcher.soak;

import dev.webwxbot.emulator.ConversationLine;
import dev.webwxbot.emulator.Direction;
import dev.webwxbot.emulator.SentMessage;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which chat each number was written in, and which numbers came back. Live: every outgoing line the emulator
 * publishes marks its number answered, so the soak can tell when the backlog has drained. Final: the emulator's
 * record of every send is counted once at the end, per number and chat. Thread-safe.
 */
final class Ledger {

    static final Pattern ANSWER = Pattern.compile("ack (\\d{1,9})");

    private final String[] chatOf;
    private final BitSet answered = new BitSet();
    private long lastAnswerNanos = System.nanoTime();

    Ledger(int messages) {
        this.chatOf = new String[messages + 1];
    }

    /** Number {@code n} was (about to be) written in the chat named {@code chat}. */
    synchronized void injected(int n, String chat) {
        chatOf[n] = chat;
    }

    /** Sees every conversation line as it happens (network threads): keeps the live count. */
    void onLine(ConversationLine line) {
        if (line.direction() != Direction.OUTGOING) return;
        Matcher m = ANSWER.matcher(line.text());
        if (!m.matches()) return;
        int n = Integer.parseInt(m.group(1));
        synchronized (this) {
            if (n > 0 && n < chatOf.length) answered.set(n);
            lastAnswerNanos = System.nanoTime();
        }
    }

    /**
     * Of numbers 1..{@code upTo}, those waiting for their answer: not answered yet, and no later number of the same
     * chat answered either. A chat's answers go out in order, so an open number behind an answered later one is not
     * waiting any more: its answer failed.
     */
    synchronized BitSet backlog(int upTo) {
        Map<String, Integer> lastAnswered = new HashMap<>();
        for (int n = answered.nextSetBit(0); n >= 0 && n <= upTo; n = answered.nextSetBit(n + 1)) {
            if (chatOf[n] != null) lastAnswered.merge(chatOf[n], n, Math::max);
        }
        BitSet waiting = new BitSet();
        for (int n = answered.nextClearBit(1); n <= upTo; n = answered.nextClearBit(n + 1)) {
            if (chatOf[n] != null && n > lastAnswered.getOrDefault(chatOf[n], 0)) waiting.set(n);
        }
        return waiting;
    }

    synchronized int answeredSoFar() {
        return answered.cardinality();
    }

    synchronized long nanosSinceLastAnswer() {
        return System.nanoTime() - lastAnswerNanos;
    }

    /** The final count from everything the bot sent. */
    synchronized Count count(List<SentMessage> sent) {
        int[] times = new int[chatOf.length];
        long misdirected = 0;
        for (SentMessage message : sent) {
            Matcher m = ANSWER.matcher(message.content());
            if (!m.matches()) continue;
            int n = Integer.parseInt(m.group(1));
            if (n < 1 || n >= chatOf.length || chatOf[n] == null || !chatOf[n].equals(message.toNickName())) {
                misdirected++;
            } else {
                times[n]++;
            }
        }
        int injected = 0;
        int answeredOnce = 0;
        int twice = 0;
        long extra = 0;
        List<Integer> lost = new ArrayList<>();
        for (int n = 1; n < chatOf.length; n++) {
            if (chatOf[n] == null) continue;
            injected++;
            if (times[n] == 0) {
                lost.add(n);
            } else {
                answeredOnce++;
                if (times[n] > 1) twice++;
                extra += times[n] - 1;
            }
        }
        return new Count(injected, answeredOnce, twice, lost, extra, misdirected);
    }

    record Count(int injected, int answered, int answeredTwice, List<Integer> lost, long extraAnswers,
                 long misdirected) {
    }
}
