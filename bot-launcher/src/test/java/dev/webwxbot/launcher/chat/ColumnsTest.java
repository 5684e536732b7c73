package dev.webwxbot.launcher.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ColumnsTest {

    @Test
    void cjkAndEmojiTakeTwoColumnsAsciiOne() {
        assertEquals(5, Columns.width("Alice"));
        assertEquals(4, Columns.width("你好"));
        assertEquals(2, Columns.width("😀"));
        assertEquals(1, Columns.width("e\u0301"), "a combining accent takes no column");
    }

    @Test
    void fitPadsShortNamesToTheSameColumnCount() {
        assertEquals("Bob   ", Columns.fit("Bob", 6));
        assertEquals("你好  ", Columns.fit("你好", 6));
        assertEquals(6, Columns.width(Columns.fit("😀a", 6)));
    }

    @Test
    void fitCutsLongNamesWithAnEllipsisWithoutSplittingAWideCharacter() {
        assertEquals("Alexan…", Columns.fit("Alexander", 7));
        String cut = Columns.fit("周末徒步群聊", 7);
        assertEquals("周末徒…", cut);
        assertEquals(7, Columns.width(cut));
        String odd = Columns.fit("周末徒步群聊", 6);
        assertEquals("周末… ", odd, "the wide character that would straddle the edge is dropped and padded");
        assertEquals(6, Columns.width(odd));
    }
}
