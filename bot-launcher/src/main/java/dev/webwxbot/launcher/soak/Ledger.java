package dev.webwxbot.launcher.soak;

import dev.webwxbot.emulator.ConversationLine;
import dev.webwxbot.emulator.Direction;
import dev.webwxbot.emulator.SentMessage;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
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

    /** Of numbers 1..{@code upTo}, those not answered yet. */
    synchronized BitSet unanswered(int upTo) {
        BitSet open = new BitSet();
        open.set(1, upTo + 1);
        open.andNot(answered);
        return open;
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
