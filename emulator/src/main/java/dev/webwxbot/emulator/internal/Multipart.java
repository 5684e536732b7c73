package dev.webwxbot.emulator.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A defensive {@code multipart/form-data} parser (RFC 7578) for upload bodies: bounded part count and header size,
 * CRLF or bare LF line ends (the corpus capture shows LF), and an answer of "not multipart" rather than an exception
 * for anything malformed.
 */
final class Multipart {
    private static final int MAX_PARTS = 64;
    private static final int MAX_PART_HEADER_BYTES = 8 * 1024;
    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=(\"([^\"]{1,200})\"|([^;\\s]{1,200}))");
    private static final Pattern NAME = Pattern.compile("(?i)(?:^|;)\\s*name=\"([^\"]*)\"");
    private static final Pattern FILE_NAME = Pattern.compile("(?i)(?:^|;)\\s*filename=\"([^\"]*)\"");

    /** One parsed part; {@code fileName} and {@code contentType} are {@code null} when absent. */
    record Part(String name, String fileName, String contentType, byte[] data) {
        String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    private Multipart() {
    }

    /** Whether the Content-Type announces a form body. */
    static boolean isMultipart(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    /** The parts, or empty when the body is not a well-formed form with the announced boundary. */
    static Optional<List<Part>> parse(String contentType, byte[] body) {
        if (!isMultipart(contentType)) {
            return Optional.empty();
        }
        Matcher boundaryMatch = BOUNDARY.matcher(contentType);
        if (!boundaryMatch.find()) {
            return Optional.empty();
        }
        String boundaryText = boundaryMatch.group(2) != null ? boundaryMatch.group(2) : boundaryMatch.group(3);
        byte[] delimiter = ("--" + boundaryText).getBytes(StandardCharsets.ISO_8859_1);
        List<Part> parts = new ArrayList<>();
        int position = indexOf(body, delimiter, 0);
        if (position < 0) {
            return Optional.empty();
        }
        while (true) {
            int afterDelimiter = position + delimiter.length;
            if (startsWith(body, afterDelimiter, "--")) {
                return Optional.of(parts);
            }
            int headersStart = skipLineEnd(body, afterDelimiter);
            if (headersStart < 0) {
                return Optional.empty();
            }
            int next = indexOf(body, delimiter, headersStart);
            if (next < 0) {
                // The corpus capture ends without the closing "--": accept a final part running to the end.
                next = body.length;
            }
            Part part = part(body, headersStart, next);
            if (part == null || parts.size() == MAX_PARTS) {
                return Optional.empty();
            }
            parts.add(part);
            if (next == body.length) {
                return Optional.of(parts);
            }
            position = next;
        }
    }

    /** One part between {@code start} (its headers) and {@code end} (the next delimiter). */
    private static Part part(byte[] body, int start, int end) {
        int headerEnd = -1;
        int dataStart = -1;
        for (int i = start; i < end && i - start <= MAX_PART_HEADER_BYTES; i++) {
            if (startsWith(body, i, "\r\n\r\n")) {
                headerEnd = i;
                dataStart = i + 4;
                break;
            }
            if (startsWith(body, i, "\n\n")) {
                headerEnd = i;
                dataStart = i + 2;
                break;
            }
        }
        if (headerEnd < 0) {
            return null;
        }
        int dataEnd = end;
        if (end < body.length || (end == body.length && dataEnd > dataStart)) {
            // The line end before a delimiter belongs to the delimiter.
            if (dataEnd - 2 >= dataStart && body[dataEnd - 2] == '\r' && body[dataEnd - 1] == '\n') {
                dataEnd -= 2;
            } else if (dataEnd - 1 >= dataStart && body[dataEnd - 1] == '\n') {
                dataEnd -= 1;
            }
        }
        String headers = new String(body, start, headerEnd - start, StandardCharsets.UTF_8);
        String name = null;
        String fileName = null;
        String contentType = null;
        for (String line : headers.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String headerName = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (headerName.equals("content-disposition")) {
                Matcher n = NAME.matcher(value);
                name = n.find() ? n.group(1) : null;
                Matcher f = FILE_NAME.matcher(value);
                fileName = f.find() ? f.group(1) : null;
            } else if (headerName.equals("content-type")) {
                contentType = value;
            }
        }
        if (name == null) {
            return null;
        }
        return new Part(name, fileName, contentType, Arrays.copyOfRange(body, dataStart, Math.max(dataStart, dataEnd)));
    }

    private static int skipLineEnd(byte[] body, int at) {
        if (startsWith(body, at, "\r\n")) {
            return at + 2;
        }
        if (startsWith(body, at, "\n")) {
            return at + 1;
        }
        return -1;
    }

    private static boolean startsWith(byte[] body, int at, String ascii) {
        if (at < 0 || at + ascii.length() > body.length) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (body[at + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The first occurrence of {@code needle} at a line start at or after {@code from}, or -1. */
    static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            if (i > 0 && haystack[i - 1] != '\n') {
                continue;
            }
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
