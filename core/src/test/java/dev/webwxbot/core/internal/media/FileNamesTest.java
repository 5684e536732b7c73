package dev.webwxbot.core.internal.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void directoryPartsAreDroppedWhateverTheSeparator() {
        assertEquals("passwd.bin", FileNames.sanitise("../../etc/passwd", "x", null));
        assertEquals("evil.exe", FileNames.sanitise("C:\\Windows\\evil.exe", "x", null));
    }

    @Test
    void controlFormatAndWindowsForbiddenCharactersBecomeUnderscores() {
        assertEquals("a_b_c_d.txt", FileNames.sanitise("a\u0007b\nc\u202Ed.txt", "x", null));
        assertEquals("what_ why_.txt", FileNames.sanitise("what? why*.txt", "x", null));
    }

    @Test
    void hiddenDotNamesAndEmptyNamesFallBack() {
        assertEquals("bashrc.bin", FileNames.sanitise(".bashrc", "x", null));
        assertEquals("image_1.jpg", FileNames.sanitise("..", "image_1", "image/jpeg"));
        assertEquals("image_1.jpg", FileNames.sanitise(null, "image_1", "image/jpeg"));
    }

    @Test
    void windowsDeviceNamesArePrefixed() {
        assertEquals("_CON.txt", FileNames.sanitise("CON.txt", "x", null));
        assertEquals("_lpt1.txt", FileNames.sanitise("lpt1", "x", "text/plain"));
    }

    @Test
    void aMissingExtensionComesFromTheContentType() {
        assertEquals("voice.mp3", FileNames.sanitise("voice", "x", "audio/mp3"));
        assertEquals("blob.bin", FileNames.sanitise("blob", "x", "application/x-unknown"));
    }

    @Test
    void longNamesAreCutToTheByteCapKeepingTheExtension() {
        String name = FileNames.sanitise("文".repeat(200) + ".pdf", "x", null);
        assertTrue(name.getBytes(StandardCharsets.UTF_8).length <= FileNames.MAX_BYTES, name);
        assertTrue(name.endsWith(".pdf"), name);
    }
}
