package dev.webwxbot.core.internal.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Whatever name a sender gives a file, and whatever Content-Type the server gives it, the sanitised name is one
 * safe path component. Seeds: {@code FileNamesFuzzTestInputs/}; README "Fuzzing" says how to run it longer.
 */
class FileNamesFuzzTest {

    private static final Path DIRECTORY = Path.of("/downloads");
    private static final Set<String> DEVICES = Set.of("CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4",
            "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8",
            "LPT9");

    @FuzzTest
    void sanitisedNameIsAlwaysOneSafePathComponent(FuzzedDataProvider data) {
        String contentType = data.consumeBoolean() ? null : data.consumeString(40);
        String wanted = data.consumeBoolean() ? null : data.consumeRemainingAsString();

        String name = FileNames.sanitise(wanted, "file", contentType);

        assertFalse(name.isEmpty(), "empty name");
        assertTrue(name.getBytes(StandardCharsets.UTF_8).length <= FileNames.MAX_BYTES, () -> "too long: " + name);
        assertFalse(name.startsWith("."), () -> "hidden or dot name: " + name);
        assertFalse(name.endsWith(".") || name.endsWith(" "), () -> "trailing dot or space: " + name);
        name.codePoints().forEach(c -> {
            assertFalse(c == '/' || c == '\\' || "<>:\"|?*".indexOf(c) >= 0, () -> "separator or reserved: " + name);
            assertFalse(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT,
                    () -> "control or format character: " + name);
            assertFalse(Character.isSurrogate((char) c) && c < 0x10000, () -> "lone surrogate: " + name);
        });
        String base = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        assertFalse(DEVICES.contains(base.trim().toUpperCase(Locale.ROOT)), () -> "Windows device: " + name);
        Path resolved = DIRECTORY.resolve(name).normalize();
        assertEquals(DIRECTORY, resolved.getParent(), () -> "left the folder: " + name);
        assertEquals(1, Path.of(name).getNameCount(), () -> "more than one component: " + name);
    }
}
