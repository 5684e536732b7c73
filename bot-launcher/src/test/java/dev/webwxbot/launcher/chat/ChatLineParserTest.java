package dev.webwxbot.launcher.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.webwxbot.launcher.chat.ChatLineParser.Slot;
import org.jline.reader.Parser.ParseContext;
import org.junit.jupiter.api.Test;

class ChatLineParserTest {

    private static ChatLineParser.ChatLine at(String line) {
        return ChatLineParser.forCompletion(line, line.length());
    }

    @Test
    void theWordAfterASendPrefixIsAName() {
        assertEquals(Slot.SEND_NAME, at("->Al").slot());
        assertEquals("Al", at("->Al").word());
        assertEquals("张", at("m->张").word());
        assertEquals(Slot.SEND_NAME, at("v->Bo").slot());
        assertEquals("Bo", at("v->Bo").word());
    }

    @Test
    void theWordAfterTheColonIsAPathExceptForText() {
        ChatLineParser.ChatLine path = at("f->Alice: /tmp/re");
        assertEquals(Slot.PATH, path.slot());
        assertEquals("/tmp/re", path.word());
        assertEquals(Slot.NONE, at("->Alice:hel").slot());
        assertEquals("clips/a", at("v->Alice:clips/a").word());
        assertEquals(Slot.PATH, at("v->Alice:clips/a").slot());
    }

    @Test
    void toAutoAndSlashCommands() {
        assertEquals(Slot.CHAT_NAME, at("/to Bo").slot());
        assertEquals("Bo", at("/to Bo").word());
        assertEquals(Slot.AUTO_SWITCH, at("/auto o").slot());
        assertEquals(Slot.COMMAND, at("/ch").slot());
        assertEquals(Slot.NONE, at("hello there").slot());
    }

    @Test
    void anAcceptedLineIsOneWordExactlyAsTyped() {
        String typed = "->Bob:\"unclosed 'quote \\ and spaces  ";
        assertEquals(typed, new ChatLineParser().parse(typed, typed.length(), ParseContext.ACCEPT_LINE).word());
    }
}
