package dev.webwxbot.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {

    private static final List<String> BOT = List.of("home", "server", "desktop-mode", "lang", "data-dir", "drain-time",
            "api", "webhooks", "plugins-dir", "send", "timeouts", "chain", "watch-quiet-period", "max-download");
    private static final List<String> RULE = List.of("name", "keyword", "keywords", "exact", "regex", "reply",
            "replies", "require-mention", "exclude-chats");

    @Test
    void aTypoOfOneLetterSuggestsTheKeyItWasMeantToBe() {
        assertEquals(Optional.of("server"), DidYouMean.closest("sever", BOT));
        assertEquals(Optional.of("reply"), DidYouMean.closest("replly", RULE));
        assertEquals(Optional.of("exclude-chats"), DidYouMean.closest("exclude-chat", RULE));
    }

    @Test
    void swappedNeighboursCountAsOneEdit() {
        assertEquals(1, DidYouMean.distance("keywrod", "keyword"));
        assertEquals(Optional.of("keyword"), DidYouMean.closest("keywrod", RULE));
    }

    @Test
    void caseUnderscoresAndAMissingHyphenAreForgiven() {
        assertEquals(Optional.of("data-dir"), DidYouMean.closest("dataDir", BOT));
        assertEquals(Optional.of("plugins-dir"), DidYouMean.closest("plugins_dir", BOT));
        assertEquals(Optional.of("require-mention"), DidYouMean.closest("requiremention", RULE));
    }

    @Test
    void somethingFarFromEveryKeyHasNoSuggestionAndListsTheKnownKeys() {
        assertEquals(Optional.empty(), DidYouMean.closest("colour", RULE));
        assertEquals(Optional.empty(), DidYouMean.closest("port", List.of("host", "token")));
        assertEquals("unknown key; known keys here: a, b", DidYouMean.unknownKey("zzz", List.of("a", "b")));
        assertEquals("unknown key; did you mean server?", DidYouMean.unknownKey("sever", BOT));
    }

    @Test
    void theClosestWinsAndTheAlphabeticallyFirstOnATie() {
        assertEquals(Optional.of("keywords"), DidYouMean.closest("keywords_", RULE));
        assertEquals(Optional.of("hosts"), DidYouMean.closest("host", List.of("posts", "hosts")));
        assertEquals(Optional.of("cat"), DidYouMean.closest("bat", List.of("hat", "cat")));
    }
}
