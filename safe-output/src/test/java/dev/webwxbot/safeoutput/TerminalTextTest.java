package dev.webwxbot.safeoutput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TerminalTextTest {

    @Test
    void clearScreenAndCursorMovesLoseTheirEscape() {
        assertEquals("\uFFFD[2J\uFFFD[1AEve", TerminalText.clean("\u001b[2J\u001b[1AEve"));
    }

    @Test
    void oscTitleSequenceAndBellAreNeutralised() {
        String cleaned = TerminalText.clean("\u001b]0;pwned\u0007name\u001b]8;;http://x\u001b\\");
        assertFalse(cleaned.contains("\u001b"));
        assertFalse(cleaned.contains("\u0007"));
        assertTrue(cleaned.contains("name"));
    }

    @Test
    void eightBitCsiAndOscControlsAreNeutralised() {
        assertEquals("\uFFFD31mred\uFFFD0;t", TerminalText.clean("\u009b31mred\u009d0;t"));
    }

    @Test
    void bidiOverridesAndIsolatesCannotReorderTheLine() {
        assertEquals("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe", TerminalText.clean("a\u202eb\u2066c\u200fd\u061ce"));
    }

    @Test
    void carriageReturnAndBackspaceCannotOverwriteWhatWasPrinted() {
        assertEquals("safe\uFFFDfake\uFFFD", TerminalText.clean("safe\rfake\b"));
    }

    @Test
    void newlinesBecomeOneVisibleMarkAndCrLfCountsOnce() {
        assertEquals("one↵two↵three", TerminalText.clean("one\ntwo\r\nthree"));
    }

    @Test
    void lineSeparatorsAndUnpairedSurrogatesAreReplaced() {
        assertEquals("a\uFFFDb\uFFFDc\uFFFD", TerminalText.clean("a\u2028b\u2029c\ud83d"));
    }

    @Test
    void cjkEmojiAndPunctuationPassUnchanged() {
        String text = "你好，世界 😀👍🏽 & <tag> café";
        assertEquals(text, TerminalText.clean(text));
        assertTrue(TerminalText.isClean(text));
    }

    @Test
    void isCleanIsFalseForAnythingThatWouldBeChanged() {
        assertFalse(TerminalText.isClean("a\nb"));
        assertFalse(TerminalText.isClean("\u001bx"));
        assertFalse(TerminalText.isClean("x\u202e"));
    }
}
