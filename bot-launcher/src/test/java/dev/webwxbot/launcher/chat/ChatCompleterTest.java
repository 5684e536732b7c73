package dev.webwxbot.launcher.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.Contacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jline.reader.Candidate;
import org.junit.jupiter.api.Test;

/** What Tab offers for a chat name, over an address book whose search answers are given. */
class ChatCompleterTest {

    private static final Contact ALICE = new Contact("@alice", "Alice", "Ally", "", ContactKind.FRIEND, "");
    private static final Contact LILY = NameResolverTest.friend("@lily", "Lily");
    private static final Contact ZHANG_SAN = NameResolverTest.friend("@zs", "张三");
    private static final Contact CAROL = NameResolverTest.CAROL;
    private static final Contact HIKERS = new Contact("@@hikers", "Weekend hikers", "", "", ContactKind.GROUP, "");

    private final Contacts book = new NameResolverTest.FakeBook(List.of(ALICE, LILY, ZHANG_SAN, HIKERS),
            Map.of("li", List.of(LILY, ALICE, CAROL), "ali", List.of(ALICE), "zs", List.of(ZHANG_SAN)), Map.of());
    private final ChatCompleter completer = new ChatCompleter(() -> Optional.of(book));

    @Test
    void aTypedPartOffersWhatTheSearchFindsInItsOrderLeavingOutStrangers() {
        List<Candidate> offered = complete("->li");
        assertEquals(List.of("Lily:", "Alice:"), values(offered));
        assertEquals(List.of(0, 1), offered.stream().map(Candidate::sort).toList(), "JLine lists them by this index");
    }

    @Test
    void eachChatIsOfferedUnderTheNameThatFitsWhatWasTyped() {
        assertEquals(List.of("Alice:"), values(complete("->ali")), "the nickname it starts, not the remark Ally");
        assertEquals(List.of("张三:"), values(complete("->zs")), "found by pinyin: its name");
        assertEquals(List.of("Alice"), values(complete("/to ali")), "no colon after /to");
    }

    @Test
    void nothingTypedOffersEveryNameOfEveryChat() {
        assertEquals(List.of("Ally:", "Alice:", "Lily:", "张三:", "Weekend hikers:"), values(complete("->")));
    }

    @Test
    void theMatcherKeepsTheSearchsCandidatesForANameAndMatchesOtherWordsByPrefix() {
        ChatCompleter.Matcher matcher = new ChatCompleter.Matcher();
        List<Candidate> found = complete("->zs");
        matcher.compile(Map.of(), true, ChatLineParser.forCompletion("->zs", 4), false, 2, null);
        assertEquals(List.of("张三:"), values(matcher.matches(found)));

        List<Candidate> commands = complete("/h");
        matcher.compile(Map.of(), true, ChatLineParser.forCompletion("/h", 2), false, 2, null);
        assertEquals(List.of("/help"), values(matcher.matches(commands)));
    }

    private List<Candidate> complete(String line) {
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(null, ChatLineParser.forCompletion(line, line.length()), candidates);
        return candidates;
    }

    private static List<String> values(List<Candidate> candidates) {
        return candidates.stream().map(Candidate::value).toList();
    }
}
