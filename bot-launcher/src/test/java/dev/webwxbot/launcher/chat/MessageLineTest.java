package dev.webwxbot.launcher.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MessageLineTest {

    @Test
    void voiceLengthsRoundToWholeSecondsAndNeverShowZeroForSound() {
        assertEquals("3s", MessageLine.seconds(Duration.ofMillis(2600)));
        assertEquals("1s", MessageLine.seconds(Duration.ofMillis(300)));
        assertEquals("0s", MessageLine.seconds(Duration.ZERO));
    }

    @Test
    void fileSizesUseBinaryUnitsWithOneDecimal() {
        assertEquals("532 B", MessageLine.size(532));
        assertEquals("2.0 KB", MessageLine.size(2048));
        assertEquals("1.5 MB", MessageLine.size(1536 * 1024));
    }
}
