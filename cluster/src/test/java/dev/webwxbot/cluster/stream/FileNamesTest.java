package dev.webwxbot.cluster.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A carried file's name from the other side never leaves the folder it is written in. */
class FileNamesTest {

    @Test
    void onlyTheLastPartOfANameIsKeptWithoutControlCharacters() {
        assertEquals("passwd", FileNames.clean("../../etc/passwd"));
        assertEquals("evil.png", FileNames.clean("C:\\\\Users\\\\evil.png"));
        assertEquals("a b.txt", FileNames.clean("a\u0007 b.txt"));
        assertEquals("cat.png", FileNames.clean("cat.png"));
    }

    @Test
    void anEmptyOrDotsOnlyNameBecomesFile() {
        assertEquals("file", FileNames.clean(""));
        assertEquals("file", FileNames.clean(".."));
        assertEquals("file", FileNames.clean("dir/"));
        assertEquals("file", FileNames.clean(null));
    }

    @Test
    void aVeryLongNameKeepsItsEndAndItsExtension() {
        String name = "x".repeat(300) + ".jpg";
        assertEquals(120, FileNames.clean(name).length());
        assertTrue(FileNames.clean(name).endsWith(".jpg"));
    }
}
