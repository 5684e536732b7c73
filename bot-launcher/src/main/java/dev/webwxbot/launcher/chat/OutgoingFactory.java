package dev.webwxbot.launcher.chat;

import dev.webwxbot.api.Outgoing;
import dev.webwxbot.safeoutput.TerminalText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Checks what a send command names before anything goes out, so a typo gets a clear local error: the file exists,
 * is a regular readable file, and for {@code m->} is UTF-8 text within {@link #MAX_TEXT_FILE_BYTES}; an emoticon
 * is a jpg or gif, as the original client accepts; a video an mp4, the one kind the web client sends as a video
 * (PROTOCOL.md 6.2). Stateless.
 */
final class OutgoingFactory {

    /** {@code m->} reads at most this much; the protocol states no limit for a text message (see NOTES). */
    static final int MAX_TEXT_FILE_BYTES = 16 * 1024;

    /** The outcome of checking a send command. */
    sealed interface Prepared {
    }

    record Ready(Outgoing message, String summary) implements Prepared {
    }

    record Refused(String reason) implements Prepared {
    }

    private OutgoingFactory() {
    }

    static Prepared prepare(ConsoleCommand.Kind kind, String argument) {
        if (kind == ConsoleCommand.Kind.TEXT) return new Ready(Outgoing.text(argument), "text");
        Path file;
        try {
            file = expandHome(argument);
        } catch (InvalidPathException e) {
            return new Refused("'" + TerminalText.clean(argument) + "' is not a valid path");
        }
        String shown = TerminalText.clean(file.toString());
        if (!Files.exists(file)) return new Refused("no such file: " + shown);
        if (!Files.isRegularFile(file)) return new Refused("not a regular file: " + shown);
        if (!Files.isReadable(file)) return new Refused("cannot read " + shown);
        return switch (kind) {
            case TEXT -> throw new IllegalStateException("handled above");
            case TEXT_FILE -> readText(file, shown);
            case FILE -> new Ready(new Outgoing.File(file), "file " + shown);
            case IMAGE -> new Ready(new Outgoing.Image(file), "image " + shown);
            case EMOTICON -> isEmoticonFile(file) ? new Ready(new Outgoing.Emoticon(file), "emoticon " + shown)
                    : new Refused("an emoticon must be a .gif or .jpg file, not " + shown);
            case VIDEO -> isVideoFile(file) ? new Ready(new Outgoing.Video(file), "video " + shown)
                    : new Refused("a video must be an .mp4 file, not " + shown + "; send it with f-> instead");
        };
    }

    private static Prepared readText(Path file, String shown) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // Read one byte more than allowed so an oversized file is recognised without reading all of it.
            bytes = in.readNBytes(MAX_TEXT_FILE_BYTES + 1);
        } catch (IOException e) {
            return new Refused("cannot read " + shown + ": " + TerminalText.clean(String.valueOf(e.getMessage())));
        }
        if (bytes.length > MAX_TEXT_FILE_BYTES) {
            return new Refused(shown + " is larger than " + MAX_TEXT_FILE_BYTES / 1024 + " KiB; send it with f-> instead");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new Refused(shown + " is not UTF-8 text; send it with f-> instead");
        }
        if (text.indexOf('\0') >= 0) return new Refused(shown + " is binary, not text; send it with f-> instead");
        if (text.isBlank()) return new Refused(shown + " is empty");
        return new Ready(Outgoing.text(text), "text of " + shown);
    }

    private static boolean isEmoticonFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".gif") || name.endsWith(".jpg") || name.endsWith(".jpeg");
    }

    private static boolean isVideoFile(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".mp4");
    }

    /** {@code ~/x} is the user's home, as a shell would read it. */
    static Path expandHome(String path) {
        if (path.equals("~")) return Path.of(System.getProperty("user.home"));
        if (path.startsWith("~/")) return Path.of(System.getProperty("user.home")).resolve(path.substring(2));
        return Path.of(path);
    }
}
