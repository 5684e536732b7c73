package dev.webwxbot.core.internal.media;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Makes a name from a message (untrusted: it comes from whoever sent the file) safe to save under: no directory
 * parts, separators, control or bidi-format characters, Windows-reserved characters or device names, no leading
 * dots, at most {@value #MAX_BYTES} UTF-8 bytes, and an extension from the content type when it has none (the
 * caller passes the type the file's bytes announce, else the server's Content-Type). A name that has an extension
 * keeps it: a file message is saved under the name its sender gave it, whatever its bytes are.
 */
public final class FileNames {
    static final int MAX_BYTES = 120;
    private static final Set<String> WINDOWS_DEVICES = Set.of("CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3",
            "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7",
            "LPT8", "LPT9");
    private static final String WINDOWS_FORBIDDEN = "<>:\"/\\|?*";
    /** The extension for each type {@link MediaMagic} recognises, and for the Content-Types the server sends. */
    private static final Map<String, String> EXTENSIONS = Map.ofEntries(Map.entry("image/jpeg", "jpg"),
            Map.entry("image/png", "png"), Map.entry("image/gif", "gif"), Map.entry("image/webp", "webp"),
            Map.entry("image/bmp", "bmp"), Map.entry("image/heic", "heic"), Map.entry("audio/mp3", "mp3"),
            Map.entry("audio/mpeg", "mp3"), Map.entry("audio/amr", "amr"), Map.entry("audio/silk", "silk"),
            Map.entry("audio/ogg", "ogg"), Map.entry("audio/wav", "wav"), Map.entry("audio/mp4", "m4a"),
            Map.entry("video/mp4", "mp4"), Map.entry("video/quicktime", "mov"), Map.entry("video/x-msvideo", "avi"),
            Map.entry("application/pdf", "pdf"), Map.entry("application/zip", "zip"),
            Map.entry("application/x-7z-compressed", "7z"), Map.entry("application/vnd.rar", "rar"),
            Map.entry("application/gzip", "gz"), Map.entry("text/plain", "txt"));

    private FileNames() {
    }

    /** A safe name for {@code wanted}, or {@code fallback} (itself safe) when nothing usable remains. */
    public static String sanitise(String wanted, String fallback, String contentType) {
        String name = wanted == null ? "" : wanted;
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        StringBuilder clean = new StringBuilder(name.length());
        name.codePoints().forEach(c -> {
            boolean unsafe = Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    || WINDOWS_FORBIDDEN.indexOf(c) >= 0 || Character.isSurrogate((char) c) && c < 0x10000;
            clean.appendCodePoint(unsafe ? '_' : c);
        });
        name = strip(clean.toString());
        if (name.isEmpty() || name.chars().allMatch(c -> c == '_' || c == '.')) {
            name = fallback;
        }
        String base = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        if (WINDOWS_DEVICES.contains(base.trim().toUpperCase(Locale.ROOT))) {
            name = "_" + name;
        }
        String extension = extensionOf(name);
        if (extension.isEmpty()) {
            extension = extensionFor(contentType);
            name = name + "." + extension;
        }
        return capped(name, extension);
    }

    /** A path in {@code directory} for {@code safeName} that does not exist yet: "name (2).ext" and so on. */
    public static Path unusedPath(Path directory, String safeName) {
        Path candidate = directory.resolve(safeName);
        String extension = extensionOf(safeName);
        String base = extension.isEmpty() ? safeName : safeName.substring(0, safeName.length() - extension.length() - 1);
        for (int n = 2; Files.exists(candidate, java.nio.file.LinkOption.NOFOLLOW_LINKS); n++) {
            candidate = directory.resolve(base + " (" + n + ")" + (extension.isEmpty() ? "" : "." + extension));
        }
        if (!candidate.normalize().getParent().equals(directory.normalize())) {
            throw new IllegalStateException("a sanitised name left the directory");
        }
        return candidate;
    }

    /** The extension for a Content-Type ({@code bin} when unknown). */
    static String extensionFor(String contentType) {
        if (contentType == null) {
            return "bin";
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return EXTENSIONS.getOrDefault(type, "bin");
    }

    private static String extensionOf(String name) {
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || dot == name.length() - 1) {
            return "";
        }
        String extension = name.substring(dot + 1);
        return extension.length() <= 10 && extension.chars().allMatch(Character::isLetterOrDigit) ? extension : "";
    }

    /** Leading dots and spaces (hidden files, "..") and trailing dots and spaces (Windows drops them) removed. */
    private static String strip(String name) {
        int start = 0;
        int end = name.length();
        while (start < end && (name.charAt(start) == '.' || Character.isWhitespace(name.charAt(start)))) {
            start++;
        }
        while (end > start && (name.charAt(end - 1) == '.' || Character.isWhitespace(name.charAt(end - 1)))) {
            end--;
        }
        return name.substring(start, end);
    }

    /** At most {@link #MAX_BYTES} UTF-8 bytes, cutting the base and keeping the extension. */
    private static String capped(String name, String extension) {
        if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
            return name;
        }
        String suffix = "." + extension;
        String base = name.substring(0, name.length() - suffix.length());
        StringBuilder kept = new StringBuilder();
        int bytes = suffix.getBytes(StandardCharsets.UTF_8).length;
        for (int i = 0; i < base.length(); ) {
            int c = base.codePointAt(i);
            int size = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > MAX_BYTES) {
                break;
            }
            kept.appendCodePoint(c);
            bytes += size;
            i += Character.charCount(c);
        }
        return strip(kept.toString()) + suffix;
    }
}
