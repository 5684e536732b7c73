package dev.webwxbot.launcher.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.webwxbot.emulator.ConversationLine;
import dev.webwxbot.emulator.Direction;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;

class ReplyLedgerTest {

    private static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");

    private static ConversationLine in(int number, long atMicros) {
        return new ConversationLine(T0.plusNanos(atMicros * 1000), "Friend 1", "bot", ReplyLedger.text(number),
                Direction.INCOMING);
    }

    private static ConversationLine out(String text, long atMicros) {
        return new ConversationLine(T0.plusNanos(atMicros * 1000), "bot", "Friend 1", text, Direction.OUTGOING);
    }

    @Test
    void latencyIsFromTheIncomingLineToTheFirstAnswerOfEitherClientsWording() {
        ReplyLedger ledger = new ReplyLedger(3);
        ledger.onLine(in(1, 0));
        ledger.onLine(in(2, 1_000));
        ledger.onLine(out("bench 1", 2_500));          // our echo plugin answers with the text itself
        ledger.onLine(out("echo: bench 2", 5_000));    // wechat4u's bot.js with "echo: "
        ledger.onLine(out("bench 1", 9_000));          // a second answer counts once, as answered twice

        ReplyLedger.Timings timings = ledger.timings(1, 4);

        assertEquals(2, timings.injected());
        assertEquals(2, timings.answered());
        assertEquals(1, ledger.answeredTwice());
        assertEquals(2.5, timings.p50Millis());
        assertEquals(4.0, timings.p99Millis());
        // two answers from the first injection (0) to the last answer (5 ms)
        assertEquals(400.0, timings.perSecond(), 1e-9);
    }

    @Test
    void linesThatAreNotNumberedMessagesAreIgnored() {
        ReplyLedger ledger = new ReplyLedger(2);
        ledger.onLine(out("心跳：1733558400000", 100));   // wechat4u's keep-alive to filehelper
        ledger.onLine(out("bench 7", 100));              // beyond the ledger
        ledger.onLine(out("a bench 1 later", 100));      // not at the end

        assertEquals(0, ledger.answeredSoFar());
        assertEquals(0, ledger.timings(1, 3).injected());
    }

    @Test
    void percentilesAreNearestRankOverEveryAnsweredMessage() {
        ReplyLedger ledger = new ReplyLedger(1000);
        for (int n = 1; n <= 1000; n++) {
            ledger.onLine(in(n, 0));
            ledger.onLine(out("bench " + n, n * 1000L)); // message n waited n ms
        }
        ReplyLedger.Timings timings = ledger.timings(1, 1001);

        assertEquals(500.0, timings.p50Millis());
        assertEquals(990.0, timings.p99Millis());
        assertEquals(999.0, timings.p999Millis());
    }

    @Test
    void aClosedLoopWindowGetsOnePlaceBackPerFirstAnswer() {
        ReplyLedger ledger = new ReplyLedger(2);
        Semaphore window = new Semaphore(0);
        ledger.releaseInto(window);
        ledger.onLine(in(1, 0));
        ledger.onLine(out("bench 1", 10));
        ledger.onLine(out("bench 1", 20));

        assertEquals(1, window.availablePermits());
    }

    @Test
    void nothingAnsweredLeavesTheFiguresUndefinedRatherThanZero() {
        ReplyLedger ledger = new ReplyLedger(1);
        ledger.onLine(in(1, 0));
        ReplyLedger.Timings timings = ledger.timings(1, 2);

        assertEquals(1, timings.injected());
        assertEquals(0, timings.answered());
        assertEquals(Double.NaN, timings.p50Millis());
        assertEquals(Double.NaN, timings.perSecond());
    }
}
