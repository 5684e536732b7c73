package dev.webwxbot.core.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.Contacts;
import dev.webwxbot.api.command.Argument;
import dev.webwxbot.api.command.Command;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandParserTest {

    private static final Contact ALICE = new Contact("@alice", "Alice", "", "", ContactKind.FRIEND, "");
    private static final Contact ALICE_WONG = new Contact("@wong", "Alice Wong", "", "", ContactKind.FRIEND, "");
    private static final Contact BOB = new Contact("@bob", "Bob", "", "", ContactKind.FRIEND, "");
    private static final Contact GROUP = new Contact("@@hikers", "Hikers", "", "", ContactKind.GROUP, "");
    private static final Contact CAROL_IN_GROUP = new Contact("@carol", "Carol", "", "", ContactKind.STRANGER, "Caz Lee");
    private static final Contacts BOOK = new BookContacts(List.of(ALICE, ALICE_WONG, BOB), List.of(CAROL_IN_GROUP, BOB));

    @Test
    void aCommandStartsWithThePrefixAndItsNameIsCaseFree() {
        assertEquals(Optional.of(new CommandParser.Invocation("remind", " 10m tea", false)),
                CommandParser.invocation("/Remind 10m tea", "/", false));
        assertEquals(Optional.of(new CommandParser.Invocation("echo:say", "", true)),
                CommandParser.invocation("#echo:say", "#", true));
        assertEquals(Optional.of(new CommandParser.Invocation("remind", " 10m", false)),
                CommandParser.invocation("remind 10m", "", false));
        assertEquals(Optional.empty(), CommandParser.invocation("remind 10m", "/", false));
        assertEquals(Optional.empty(), CommandParser.invocation("/ remind", "/", false), "a lone prefix is no command");
    }

    @Test
    void wordsIntegersNumbersAndQuotedPhrases() {
        Command command = command(Argument.word("name"), Argument.integer("count"), Argument.number("factor"));
        assertEquals(values(Map.of("name", "big tent", "count", -3L, "factor", 2.5)),
                CommandParser.arguments(command, " \"big tent\"  -3 2.5", ALICE, BOOK));
        assertEquals(wrong("<count> must be a whole number, not 'three'"),
                CommandParser.arguments(command, "tent three 2", ALICE, BOOK));
        assertEquals(wrong("<factor> must be a number, not 'NaN'"),
                CommandParser.arguments(command, "tent 3 NaN", ALICE, BOOK));
        assertEquals(wrong("the quote in '\"tent 3' is not closed"), CommandParser.arguments(command, "\"tent 3", ALICE, BOOK));
    }

    @Test
    void durationsAreNumbersWithDaysHoursMinutesAndSeconds() {
        assertEquals(Optional.of(Duration.ofMinutes(10)), CommandParser.duration("10m"));
        assertEquals(Optional.of(Duration.ofMinutes(90)), CommandParser.duration("1h30m"));
        assertEquals(Optional.of(Duration.ofDays(2).plusSeconds(5)), CommandParser.duration("2D5s"));
        assertEquals(Optional.empty(), CommandParser.duration("10"));
        assertEquals(Optional.empty(), CommandParser.duration("m"));
        assertEquals(Optional.empty(), CommandParser.duration("30m1h"), "units go from days down to seconds");
        assertEquals(Optional.empty(), CommandParser.duration("99999999999999999999m"));
        assertEquals(wrong("<when> must be a time such as 10m, 1h30m or 2d, not 'soon'"),
                CommandParser.arguments(command(Argument.duration("when")), "soon", ALICE, BOOK));
    }

    @Test
    void aChoiceIsOneOfItsWordsIgnoringCaseAndAMistypedOneGetsASuggestion() {
        Command command = command(Argument.choice("unit", "celsius", "fahrenheit"));
        assertEquals(values(Map.of("unit", "celsius")), CommandParser.arguments(command, "CELSIUS", ALICE, BOOK));
        assertEquals(wrong("<unit: celsius|fahrenheit> must be one of celsius, fahrenheit, not 'celcius'; did you mean celsius?"),
                CommandParser.arguments(command, "celcius", ALICE, BOOK));
    }

    @Test
    void theRestKeepsItsSpacingAndOptionalArgumentsTakeTheirDefaults() {
        Command command = command(Argument.duration("when").orElse(Duration.ofHours(1)), Argument.rest("text").optional());
        assertEquals(values(Map.of("when", Duration.ofMinutes(5), "text", "tea  and   cake")),
                CommandParser.arguments(command, " 5m tea  and   cake ", ALICE, BOOK));
        assertEquals(values(Map.of("when", Duration.ofHours(1))), CommandParser.arguments(command, "", ALICE, BOOK));
    }

    @Test
    void aMissingArgumentAndTooManyAreNamed() {
        Command command = command(Argument.word("who"), Argument.integer("n"));
        assertEquals(wrong("<n> is missing"), CommandParser.arguments(command, "bob", ALICE, BOOK));
        assertEquals(wrong("'7 8' is more than test takes"), CommandParser.arguments(command, "bob 6 7 8", ALICE, BOOK));
        assertEquals(wrong("<text...> is missing"),
                CommandParser.arguments(command(Argument.rest("text")), "   ", ALICE, BOOK));
    }

    @Test
    void aContactIsTheMentionedMemberInAGroupAndAnAddressBookNameElsewhere() {
        Command command = command(Argument.contact("who"), Argument.rest("why"));
        assertEquals(values(Map.of("who", CAROL_IN_GROUP, "why", "helped")),
                CommandParser.arguments(command, "@Caz Lee\u2005 helped", GROUP, BOOK), "a mention with a space in the name");
        assertEquals(values(Map.of("who", ALICE, "why", "x")), CommandParser.arguments(command, "alice x", BOB, BOOK),
                "an exact name beats the names it starts");
        assertEquals(values(Map.of("who", ALICE_WONG, "why", "x")), CommandParser.arguments(command, "wong x", BOB, BOOK));
        assertEquals(wrong("'ali' could be Alice or Alice Wong; write more of the name"),
                CommandParser.arguments(command, "ali x", BOB, BOOK));
        assertEquals(wrong("I know nobody called 'zed'"), CommandParser.arguments(command, "@zed x", BOB, BOOK));
    }

    @Test
    void theMentionOfTheBotIsTakenOutWhereverItStands() {
        RecordingBot bot = new RecordingBot(new java.util.ArrayList<>());   // self is "me"
        assertEquals("/help", CommandParser.withoutMention("@me\u2005/help", GROUP, bot).strip());
        assertEquals("/help now", CommandParser.withoutMention("/help @me now", GROUP, bot).strip());
        assertEquals("@meg /help", CommandParser.withoutMention("@meg /help", GROUP, bot), "another member's name");
    }

    private static Command command(Argument... arguments) {
        Command.Builder builder = Command.named("test");
        for (Argument argument : arguments) builder.argument(argument);
        return builder.runs((call, context) -> { });
    }

    private static CommandParser.Parsed values(Map<String, Object> values) {
        return new CommandParser.Parsed.Values(values);
    }

    private static CommandParser.Parsed wrong(String problem) {
        return new CommandParser.Parsed.Wrong(problem);
    }

    /** An address book searched by name: exact names first, then names containing the query. */
    private record BookContacts(List<Contact> friends, List<Contact> groupMembers) implements Contacts {
        public Optional<Contact> byUserName(String userName) {
            return friends.stream().filter(c -> c.userName().equals(userName)).findFirst();
        }

        public List<Contact> find(String query) {
            String q = Contacts.normalizeName(query);
            return friends.stream().filter(c -> Contacts.normalizeName(c.nickName()).contains(q))
                    .sorted(java.util.Comparator.comparing((Contact c) -> !Contacts.normalizeName(c.nickName()).equals(q)))
                    .toList();
        }

        public List<Contact> members(Contact group) {
            return group.isGroup() ? groupMembers : List.of();
        }

        public List<Contact> all() {
            return friends;
        }
    }
}
