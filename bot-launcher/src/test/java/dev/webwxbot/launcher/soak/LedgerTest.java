package dev.webwxbot.launcher.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.webwxbot.emulator.ConversationLine;
import dev.webwxbot.emulator.Direction;
import dev.webwxbot.emulator.SentMessage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerTest {

    @Test
    void countsEachNumberOnceInItsChatAndTellsLostTwiceAndMisdirectedApart() {
        Ledger ledger = new Ledger(4);
        ledger.injected(1, "Alice");
        ledger.injected(2, "Bob");
        ledger.injected(3, "Group");
        ledger.injected(4, "Alice");

        Ledger.Count count = ledger.count(List.of(sent("Alice", "ack 1"), sent("Bob", "ack 2"), sent("Bob", "ack 2"),
                sent("Alice", "ack 3"), sent("Alice", "unrelated text"), sent("Alice", "ack 99")));

        assertEquals(4, count.injected());
        assertEquals(2, count.answered(), "1 and 2; 3 went to the wrong chat, 4 nowhere");
        assertEquals(1, count.answeredTwice());
        assertEquals(1, count.extraAnswers());
        assertEquals(List.of(3, 4), count.lost());
        assertEquals(2, count.misdirected(), "ack 3 in Alice's chat and ack 99, which was never written");
    }

    @Test
    void theLiveCountSeesOnlyTheBotsAnswers() {
        Ledger ledger = new Ledger(2);
        ledger.injected(1, "Alice");
        ledger.injected(2, "Alice");
        ledger.onLine(new ConversationLine(Instant.now(), "Alice", "Bot", "ack 2", Direction.INCOMING));
        ledger.onLine(new ConversationLine(Instant.now(), "Bot", "Alice", "soak 1", Direction.OUTGOING));
        ledger.onLine(new ConversationLine(Instant.now(), "Bot", "Alice", "ack 1", Direction.OUTGOING));
        assertEquals(1, ledger.answeredSoFar());
    }

    @Test
    void theBacklogIsWhatIsUnansweredAndNotSkippedByALaterAnswerInTheSameChat() {
        Ledger ledger = new Ledger(6);
        ledger.injected(1, "Alice");
        ledger.injected(2, "Bob");
        ledger.injected(3, "Alice");
        ledger.injected(4, "Bob");
        ledger.injected(5, "Alice");
        ledger.injected(6, "Alice");
        ledger.onLine(new ConversationLine(Instant.now(), "Bot", "Alice", "ack 3", Direction.OUTGOING));
        // 1 is behind Alice's answered 3 (its answer failed); 2 and 4 wait in Bob's chat, 5 in Alice's; 6 not written.
        assertEquals("{2, 4, 5}", ledger.backlog(5).toString());
    }

    private static SentMessage sent(String to, String text) {
        return new SentMessage(Instant.now(), "@self", "@" + to, to, 1, text, "1", "", "", SentMessage.Kind.TEXT,
                SentMessage.Media.NONE, "", false);
    }
}
