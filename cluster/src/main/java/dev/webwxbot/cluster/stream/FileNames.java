package dev.webwxbot.cluster.stream;

/**
 * A carried file's name made safe to create in a folder: the other side's name is only a hint (a forged entry could
 * name {@code ../../etc/passwd}), so only its last part is kept, without control characters, and never empty.
 */
final class FileNames {

    private static final int MAX_LENGTH = 120;

    private FileNames() {
    }

    static String clean(String name) {
        String last = name == null ? "" : name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder clean = new StringBuilder(last.length());
        last.codePoints().filter(c -> !Character.isISOControl(c) && c != ':').forEach(clean::appendCodePoint);
        String cleaned = clean.toString().strip();
        if (cleaned.isEmpty() || cleaned.chars().allMatch(c -> c == '.')) return "file";
        return cleaned.length() > MAX_LENGTH ? cleaned.substring(cleaned.length() - MAX_LENGTH) : cleaned;
    }
}
