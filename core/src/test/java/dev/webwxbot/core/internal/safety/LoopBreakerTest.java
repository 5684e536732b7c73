package dev.webwxbot.core.internal.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.core.SafetyOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoopBreakerTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private final LoopBreaker breaker = new LoopBreaker(SafetyOptions.Loops.defaults());

    /** The bot sends {@code sent} at {@code at}; the other side answers {@code answer} after {@code after}. */
    private Optional<String> exchange(Instant at, String sent, Duration after, String answer) {
        breaker.sent("@a", sent, at);
        return breaker.received("@a", "chat 'A' (@a)", answer, at.plus(after));
    }

    @Test
    void nearlyTheSameTextIsAnEchoOrAnEchoWithAPrefix() {
        assertTrue(Texts.nearlySame(Texts.normalized("Hello, world!"), Texts.normalized("hello world")));
        assertTrue(Texts.nearlySame(Texts.normalized("echo: hello there"), Texts.normalized("hello there")));
        assertTrue(Texts.nearlySame(Texts.normalized("order 1234 shipped"), Texts.normalized("order 5678 shipped")));
        assertFalse(Texts.nearlySame(Texts.normalized("what time is it?"), Texts.normalized("about five, why")));
        assertFalse(Texts.nearlySame(Texts.normalized("ok"), Texts.normalized("ok, I'll book the table for eight")));
        assertFalse(Texts.nearlySame("", ""));
    }

    @Test
    void eightQuickAnswersWithinTheWindowAreALoopAndSevenAreNot() {
        for (int i = 0; i < 7; i++) {
            assertEquals(Optional.empty(), exchange(T0.plusSeconds(i), "q" + i + " different words",
                    Duration.ofMillis(300), "answer number " + i + " unlike the question"));
        }
        Optional<String> loop = exchange(T0.plusSeconds(7), "q7 different words", Duration.ofMillis(300), "another one");
        assertTrue(loop.isPresent());
        assertTrue(loop.get().startsWith("reply loop in chat 'A' (@a): the other side answered the bot's messages 8 "
                + "times within 30 s (8 of them faster than 1 s, 0 nearly repeating what the bot sent)"), loop.get());
        assertEquals(Optional.empty(), exchange(T0.plusSeconds(8), "x", Duration.ofMillis(300), "y"),
                "counting starts afresh after a loop");
    }

    @Test
    void inAGroupOnlyRepeatingAnswersCountNotQuickOnes() {
        for (int i = 0; i < 30; i++) {
            breaker.sent("@@g", "welcome, new member " + i, T0.plusSeconds(i));
            assertEquals(Optional.empty(), breaker.received("@@g", "G", "did anyone see the game " + i,
                    T0.plusSeconds(i).plusMillis(200), true), "a busy group writes on without answering the bot");
        }
        for (int i = 0; i < 7; i++) {
            breaker.sent("@@g", "ping", T0.plusSeconds(40 + i));
            assertEquals(Optional.empty(), breaker.received("@@g", "G", "ping", T0.plusSeconds(40 + i), true));
        }
        breaker.sent("@@g", "ping", T0.plusSeconds(47));
        assertTrue(breaker.received("@@g", "G", "ping", T0.plusSeconds(47), true).isPresent());
    }

    @Test
    void slowDifferentAnswersAreAPersonsAndNeverCount() {
        for (int i = 0; i < 50; i++) {
            assertEquals(Optional.empty(), exchange(T0.plusSeconds(10L * i), "question " + i + " about the order",
                    Duration.ofSeconds(4), "my answer is " + "yes no maybe".substring(0, 3 + i % 8)));
        }
    }

    @Test
    void slowIdenticalAnswersCountAsAnotherBotRepeating() {
        for (int i = 0; i < 7; i++) {
            assertEquals(Optional.empty(), exchange(T0.plusSeconds(3L * i), "ping", Duration.ofSeconds(2), "ping"));
        }
        assertTrue(exchange(T0.plusSeconds(21), "ping", Duration.ofSeconds(2), "ping").isPresent());
    }

    @Test
    void answersOlderThanTheWindowAreForgotten() {
        for (int i = 0; i < 20; i++) {
            assertEquals(Optional.empty(), exchange(T0.plusSeconds(5L * i), "ping", Duration.ofMillis(100), "ping"),
                    "one every 5 s holds at most 7 within 30 s");
        }
    }

    @Test
    void onlyAnAnswerToTheBotsLastSendCounts() {
        breaker.sent("@a", "ping", T0);
        assertEquals(Optional.empty(), breaker.received("@a", "A", "ping", T0.plusMillis(10)));
        for (int i = 0; i < 20; i++) {
            assertEquals(Optional.empty(), breaker.received("@a", "A", "ping", T0.plusMillis(20 + i)),
                    "the other side writing on without the bot answering is no exchange");
        }
    }

    @Test
    void theChatsCeilingRefusesTheSendPastIt() {
        for (int i = 0; i < 20; i++) assertEquals(Optional.empty(), breaker.sending("@a", "A", T0.plusSeconds(i)));
        Optional<String> storm = breaker.sending("@a", "A", T0.plusSeconds(20));
        assertTrue(storm.isPresent());
        assertEquals("send ceiling in A: the bot sent 20 messages there within 1 minute, the most allowed; the bot "
                + "stops answering there for 5 minutes", storm.get());
        assertEquals(Optional.empty(), breaker.sending("@b", "B", T0.plusSeconds(20)), "another chat is not touched");
    }
}
