package dev.webwxbot.launcher.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.launcher.chat.ConsoleCommand.Kind;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsoleCommandTest {

    @Test
    void sendCommandsAreTheOriginalClientsPrefixes() {
        assertEquals(new ConsoleCommand.Send(Kind.TEXT, "Alice", "hi: there "), ConsoleCommand.parse("->Alice:hi: there "));
        assertEquals(new ConsoleCommand.Send(Kind.TEXT_FILE, "Alice", "/tmp/a.txt"), ConsoleCommand.parse("m->Alice:/tmp/a.txt"));
        assertEquals(new ConsoleCommand.Send(Kind.FILE, "张三", "a b.pdf"), ConsoleCommand.parse("f->张三: a b.pdf "));
        assertEquals(new ConsoleCommand.Send(Kind.IMAGE, "@abc", "x.jpg"), ConsoleCommand.parse("i->@abc:x.jpg"));
        assertEquals(new ConsoleCommand.Send(Kind.EMOTICON, "Bob", "x.gif"), ConsoleCommand.parse("e->Bob:x.gif"));
        assertEquals(new ConsoleCommand.Send(Kind.VIDEO, "Bob", "~/clip.mp4"), ConsoleCommand.parse("v->Bob: ~/clip.mp4"));
        assertInstanceOf(ConsoleCommand.Quit.class, ConsoleCommand.parse("quit"));
    }

    @Test
    void nameEndsAtTheFirstColonAndIsTrimmed() {
        assertEquals(new ConsoleCommand.Send(Kind.TEXT, "Bob", "12:30 ok?"), ConsoleCommand.parse("-> Bob :12:30 ok?"));
    }

    @Test
    void missingPartsAreExplainedWithTheUsage() {
        assertEquals(new ConsoleCommand.Invalid("missing ':' — type ->NAME:TEXT"), ConsoleCommand.parse("->Alice hi"));
        assertEquals(new ConsoleCommand.Invalid("missing NAME — type f->NAME:PATH"), ConsoleCommand.parse("f->:x"));
        assertEquals(new ConsoleCommand.Invalid("nothing to send — type i->NAME:PATH"), ConsoleCommand.parse("i->Bob:  "));
    }

    @Test
    void slashCommandsAndPlainLines() {
        assertEquals(new ConsoleCommand.SwitchChat("Alice Liu"), ConsoleCommand.parse("/to Alice Liu"));
        assertInstanceOf(ConsoleCommand.ListChats.class, ConsoleCommand.parse("/chats"));
        assertInstanceOf(ConsoleCommand.Help.class, ConsoleCommand.parse("/HELP"));
        assertEquals(new ConsoleCommand.AutoReply(Optional.of(true)), ConsoleCommand.parse("/auto on"));
        assertEquals(new ConsoleCommand.AutoReply(Optional.of(false)), ConsoleCommand.parse("/auto OFF"));
        assertEquals(new ConsoleCommand.AutoReply(Optional.empty()), ConsoleCommand.parse("/auto"));
        assertInstanceOf(ConsoleCommand.Invalid.class, ConsoleCommand.parse("/auto maybe"));
        assertInstanceOf(ConsoleCommand.Invalid.class, ConsoleCommand.parse("/to"));
        assertEquals(new ConsoleCommand.Plain("just words -> here"), ConsoleCommand.parse("just words -> here"));
        assertInstanceOf(ConsoleCommand.Empty.class, ConsoleCommand.parse("   "));
    }

    @Test
    void anUnknownSlashCommandIsNamedSafely() {
        ConsoleCommand.Invalid invalid = assertInstanceOf(ConsoleCommand.Invalid.class, ConsoleCommand.parse("/x\u001b[2J"));
        assertTrue(invalid.message().startsWith("unknown command /x\uFFFD[2j"), invalid.message());
    }
}
