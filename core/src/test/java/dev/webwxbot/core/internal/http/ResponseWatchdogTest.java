package dev.webwxbot.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.ReadTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResponseWatchdogTest {

    private final ResponseWatchdog watchdog = new ResponseWatchdog(Duration.ofMillis(100));
    private final EmbeddedChannel channel = new EmbeddedChannel();

    @BeforeEach
    void installWatchdog() {
        channel.freezeTime();
        channel.pipeline().addLast(watchdog);
    }

    @AfterEach
    void finishChannel() {
        channel.finishAndReleaseAll();
    }

    private void elapse(long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
    }

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }

    @Test
    void silenceForTheTimeoutFailsWithReadTimeoutAndCloses() {
        elapse(101);

        assertThrows(ReadTimeoutException.class, channel::checkException);
        assertFalse(channel.isOpen());
    }

    @Test
    void eachResponseByteRestartsTheTimeoutAndMarksTheResponseStarted() {
        assertFalse(watchdog.responseStarted());
        elapse(80);
        channel.writeInbound(bytes("HTTP/1.1 200 OK\r\n"));
        elapse(80);

        assertTrue(channel.isOpen());
        assertTrue(watchdog.responseStarted());
    }

    @Test
    void uploadProgressRestartsTheTimeoutWithoutMarkingAResponse() {
        elapse(80);
        channel.writeOutbound(bytes("POST /cgi-bin/mmwebwx-bin/webwxuploadmedia HTTP/1.1\r\n"));
        elapse(80);
        assertTrue(channel.isOpen());
        assertFalse(watchdog.responseStarted());

        elapse(30);
        assertThrows(ReadTimeoutException.class, channel::checkException);
        assertFalse(channel.isOpen());
    }

    @Test
    void aRemovedWatchdogLeavesTheChannelWithoutTimer() {
        channel.pipeline().remove(watchdog);

        elapse(10_000);

        assertTrue(channel.isOpen());
    }
}
