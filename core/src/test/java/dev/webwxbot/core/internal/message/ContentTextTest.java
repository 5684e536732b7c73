package dev.webwxbot.core.internal.message;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ContentTextTest {

    @Test
    void lineBreaksEntitiesAndEmojiSpansAreDecoded() {
        String wire = "hello &amp; welcome<br/>second line <span class=\"emoji emoji1f604\"></span>";
        assertEquals("hello & welcome\nsecond line \uD83D\uDE04", ContentText.decode(wire));
    }

    @Test
    void numericAndHexCharacterReferencesAreDecoded() {
        assertEquals("A<>\"'€", ContentText.decode("&#65;&lt;&gt;&quot;&#39;&#x20AC;"));
    }

    @Test
    void unknownOrInvalidEntitiesAreLeftAsTheyAre() {
        assertEquals("&bogus; &#xD800; &#99999999;", ContentText.decode("&bogus; &#xD800; &#99999999;"));
    }

    @Test
    void mismappedEmojiAreCorrectedAsTheOfficialPageDoes() {
        assertEquals("\uD83D\uDE01", ContentText.decodeEmoji("<span class=\"emoji emoji1f63c\"></span>"));
    }

    @Test
    void spanMissingItsClosingBracketIsStillDecoded() {
        assertEquals("\uD83D\uDC50!", ContentText.decodeEmoji("<span class=\"emoji emoji1f450\"></span!"));
    }

    @Test
    void eightDigitEmojiCodeIsTwoCodePoints() {
        assertEquals("\uD83C\uDDE8\uD83C\uDDF3", ContentText.decodeEmoji("<span class=\"emoji emoji1f1e81f1f3\"></span>"));
    }
}
