package dev.webwxbot.launcher.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;

/** How a typed line reads: commands by their first word, everything else as {@code NAME: TEXT}. */
class ConsoleCommandTest {

    @Test
    void friendLineIsTheNameBeforeTheFirstColon() {
        assertEquals(new ConsoleCommand.Say("", "", "Alice", "hello: world"), ConsoleCommand.parse("Alice: hello: world"));
    }

    @Test
    void groupLineNamesGroupThenMember() {
        assertEquals(new ConsoleCommand.Say("", "Weekend hikers", "Bob", "@me hi"),
                ConsoleCommand.parse("@Weekend hikers/Bob: @me hi"));
    }

    @Test
    void accountPrefixComesFirstForFriendsAndGroups() {
        assertEquals(new ConsoleCommand.Say("bot2", "", "Alice", "hi"), ConsoleCommand.parse("bot2/Alice: hi"));
        assertEquals(new ConsoleCommand.Say("bot2", "Team", "Bob", "hi"), ConsoleCommand.parse("@bot2/Team/Bob: hi"));
    }

    @Test
    void revokeTakesLastOrAMsgId() {
        assertEquals(new ConsoleCommand.Revoke("LAST"), ConsoleCommand.parse("revoke last"));
        assertEquals(new ConsoleCommand.Revoke("123456"), ConsoleCommand.parse("revoke 123456"));
        assertInstanceOf(ConsoleCommand.Invalid.class, ConsoleCommand.parse("revoke"));
    }

    @Test
    void requestTakesANameAndTheRestAsGreeting() {
        assertEquals(new ConsoleCommand.Request("", "Carol", "hello there: it's me"),
                ConsoleCommand.parse("request Carol hello there: it's me"));
        assertEquals(new ConsoleCommand.Request("bot2", "Carol", "hi"), ConsoleCommand.parse("request bot2/Carol hi"));
        assertInstanceOf(ConsoleCommand.Invalid.class, ConsoleCommand.parse("request Carol"));
    }

    @Test
    void lineWithoutCommandOrColonIsInvalid() {
        assertInstanceOf(ConsoleCommand.Invalid.class, ConsoleCommand.parse("hello"));
        assertInstanceOf(ConsoleCommand.Invalid.class, ConsoleCommand.parse("Alice:   "));
        assertInstanceOf(ConsoleCommand.Invalid.class, ConsoleCommand.parse("@Team: hi"));
        assertInstanceOf(ConsoleCommand.Empty.class, ConsoleCommand.parse("  "));
    }
}
