package dev.webwxbot.api.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.api.Role;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandTest {

    private static final CommandAction NOTHING = (call, context) -> { };

    @Test
    void theUsageLineShowsRequiredOptionalChoiceAndRestArguments() {
        Command command = Command.named("Remind").alias("r")
                .argument(Argument.duration("when"))
                .argument(Argument.choice("unit", "c", "f").orElse("c"))
                .argument(Argument.rest("text").optional())
                .describedAs("  reminds you later ")
                .role(Role.MEMBER)
                .runs(NOTHING);
        assertEquals("/remind <when> [unit: c|f] [text...]", command.usage("/"));
        assertEquals("#remind <when> [unit: c|f] [text...]", command.usage("#"));
        assertEquals(List.of("remind", "r"), command.names());
        assertEquals("reminds you later", command.description());
        assertEquals(Role.MEMBER, command.role());
        assertTrue(command.needsMention(), "in groups only when @-mentioned, by default");
    }

    @Test
    void aRequiredArgumentAfterAnOptionalOneIsRefused() {
        Command.Builder builder = Command.named("x").argument(Argument.integer("n").optional()).argument(Argument.word("w"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder.runs(NOTHING));
        assertEquals("command 'x': 'w' is required but follows an optional argument", e.getMessage());
    }

    @Test
    void theRestOfTheLineMustComeLast() {
        Command.Builder builder = Command.named("x").argument(Argument.rest("text")).argument(Argument.word("w"));
        assertThrows(IllegalArgumentException.class, () -> builder.runs(NOTHING));
    }

    @Test
    void aDefaultMustHaveTheArgumentsType() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Argument.duration("when").orElse("10m"));
        assertEquals("the default of 'when' must be a Duration, not String", e.getMessage());
        assertEquals(Duration.ofMinutes(10), Argument.duration("when").orElse(Duration.ofMinutes(10)).fallback().orElseThrow());
    }

    @Test
    void namesAreOneWordWithoutAColon() {
        assertThrows(IllegalArgumentException.class, () -> Command.named("two words"));
        assertThrows(IllegalArgumentException.class, () -> Command.named("echo:say"));
        assertThrows(IllegalArgumentException.class, () -> Argument.word(" "));
    }

    @Test
    void twoArgumentsWithOneNameAreRefused() {
        Command.Builder builder = Command.named("x").argument(Argument.word("a")).argument(Argument.integer("a"));
        assertThrows(IllegalArgumentException.class, () -> builder.runs(NOTHING));
    }
}
