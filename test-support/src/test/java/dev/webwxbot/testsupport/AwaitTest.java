package dev.webwxbot.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {

    @Test
    void returnsAsSoonAsAnotherThreadMakesTheConditionTrue() throws Exception {
        CountDownLatch checked = new CountDownLatch(1);
        AtomicInteger value = new AtomicInteger();
        Thread other = Thread.ofVirtual().start(() -> {
            try {
                checked.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            value.set(42);
        });
        Await.until(() -> {
            checked.countDown();
            return value.get() == 42;
        }, "the other thread's value");
        other.join();
        assertEquals(42, value.get());
    }

    @Test
    void aTimeoutFailsNamingWhatWasAwaited() {
        AssertionError failure = assertThrows(AssertionError.class,
                () -> Await.until(() -> false, "the answer to Alice", Duration.ofMillis(50)));
        assertEquals("timed out after 50 ms waiting for: the answer to Alice", failure.getMessage());
    }

    @Test
    void aCheckThatThrowsCountsAsNotYetAndTheLastThrowIsTheCause() {
        AtomicInteger calls = new AtomicInteger();
        Await.until(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new IOException("not written yet");
            }
            return true;
        }, "the file");
        assertEquals(3, calls.get());

        AssertionError failure = assertThrows(AssertionError.class, () -> Await.until(() -> {
            throw new IOException("still missing");
        }, "the file", Duration.ofMillis(30)));
        assertTrue(failure.getMessage().endsWith("(the last check threw java.io.IOException: still missing)"),
                failure.getMessage());
        assertInstanceOf(IOException.class, failure.getCause());
    }

    @Test
    void valueReturnsWhatTheProbeFound() {
        AtomicInteger calls = new AtomicInteger();
        String found = Await.value(() -> calls.incrementAndGet() < 3 ? Optional.empty() : Optional.of("saved.jpg"),
                "a saved file", Duration.ofSeconds(5));
        assertEquals("saved.jpg", found);
    }

    @Test
    void anInterruptedWaitFailsAndKeepsTheInterruptFlag() {
        Thread.currentThread().interrupt();
        AssertionError failure = assertThrows(AssertionError.class, () -> Await.until(() -> false, "never"));
        assertTrue(Thread.interrupted(), "interrupt flag kept");
        assertEquals("interrupted while waiting for: never", failure.getMessage());
    }
}
