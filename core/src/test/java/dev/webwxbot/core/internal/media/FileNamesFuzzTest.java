package dev.webwxbot.core.internal.media;

import ch.qos.logback.classic.Level;
import dev.webwxbot.testsupport.CapturedLogs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Whatever name a sender gives a file, and whatever Content-Type the server gives it, the sanitised name is one
 * safe path component: not empty, at most {@link FileNames#MAX_BYTES} UTF-8 bytes, no separator, reserved or
 * control character, no lone surrogate, no leading dot, no trailing dot or space, no Windows device name.
 *
 * <p>Input: byte 0 bit 0 makes the name null, bit 1 the Content-Type; byte 1 is the Content-Type's length in bytes
 * (ISO-8859-1, at most 40); the rest is the name as UTF-16 code units, so any char sequence, lone surrogates too.
 */
class FileNamesFuzzTest {

    private static final Path DIRECTORY = Path.of("/downloads");
    private static final Set<String> DEVICES = Set.of("CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4",
            "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8",
            "LPT9");

    @FuzzTest
    void sanitisedNameIsAlwaysOneSafePathComponent(byte[] input) {
        // Garbage is answered with a WARN by design (logged once, the session goes on): allowed, never an ERROR.
        try (CapturedLogs warnings = CapturedLogs.attach().allow(Level.WARN, "(?s).*")) {
            sanitisedNameIsAlwaysOneSafePathComponentChecked(input);
        }
    }

    private void sanitisedNameIsAlwaysOneSafePathComponentChecked(byte[] input) {
        if (input.length < 2) return;
        int typeLength = Math.min(Byte.toUnsignedInt(input[1]) % 41, input.length - 2);
        String contentType = (input[0] & 2) != 0 ? null : new String(input, 2, typeLength, StandardCharsets.ISO_8859_1);
        ByteBuffer rest = ByteBuffer.wrap(input, 2 + typeLength, input.length - 2 - typeLength);
        StringBuilder chars = new StringBuilder();
        while (rest.remaining() >= 2) chars.append(rest.getChar());
        String wanted = (input[0] & 1) != 0 ? null : chars.toString();

        String name = FileNames.sanitise(wanted, "file", contentType);

        assertFalse(name.isEmpty(), "empty name");
        assertTrue(name.getBytes(StandardCharsets.UTF_8).length <= FileNames.MAX_BYTES, () -> "too long: " + name);
        assertFalse(name.startsWith("."), () -> "hidden or dot name: " + name);
        assertFalse(name.endsWith(".") || name.endsWith(" "), () -> "trailing dot or space: " + name);
        name.codePoints().forEach(c -> { // a lone surrogate comes through as its own code point
            assertFalse(c == '/' || c == '\\' || "<>:\"|?*".indexOf(c) >= 0, () -> "separator or reserved: " + name);
            assertFalse(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT,
                    () -> "control or format character: " + name);
            assertFalse(c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE, () -> "lone surrogate: " + name);
        });
        String base = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        assertFalse(DEVICES.contains(base.trim().toUpperCase(Locale.ROOT)), () -> "Windows device: " + name);
        assertEquals(DIRECTORY, DIRECTORY.resolve(name).normalize().getParent(), () -> "left the folder: " + name);
        assertEquals(1, Path.of(name).getNameCount(), () -> "more than one component: " + name);
    }
}
