package dev.webwxbot.core.internal.send;

import java.util.Locale;
import java.util.Map;

/**
 * Recognises what a file is from its first bytes, and names it as the upload form wants: {@code mediatype} as the
 * official page maps it (jpeg, png, bmp to {@code pic}; mp4 to {@code video}; everything else, gif included, to
 * {@code doc}; PROTOCOL.md 6.2) and a MIME type for the form's {@code type} field.
 */
final class MediaTypes {
    private static final Map<String, String> MIME_BY_EXTENSION = Map.ofEntries(
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("png", "image/png"),
            Map.entry("gif", "image/gif"), Map.entry("bmp", "image/bmp"), Map.entry("mp4", "video/mp4"),
            Map.entry("pdf", "application/pdf"), Map.entry("txt", "text/plain"), Map.entry("zip", "application/zip"),
            Map.entry("mp3", "audio/mpeg"), Map.entry("doc", "application/msword"),
            Map.entry("xls", "application/vnd.ms-excel"), Map.entry("csv", "text/csv"));

    /** What the content is, by its magic number. */
    enum Content {
        JPEG("image/jpeg", "pic"), PNG("image/png", "pic"), BMP("image/bmp", "pic"), GIF("image/gif", "doc"),
        MP4("video/mp4", "video"), OTHER(null, "doc");

        final String mime;
        final String mediaType;

        Content(String mime, String mediaType) {
            this.mime = mime;
            this.mediaType = mediaType;
        }
    }

    private MediaTypes() {
    }

    static Content sniff(byte[] head) {
        if (startsWith(head, 0xFF, 0xD8, 0xFF)) {
            return Content.JPEG;
        }
        if (startsWith(head, 0x89, 'P', 'N', 'G')) {
            return Content.PNG;
        }
        if (startsWith(head, 'G', 'I', 'F', '8')) {
            return Content.GIF;
        }
        if (startsWith(head, 'B', 'M')) {
            return Content.BMP;
        }
        if (head.length >= 8 && head[4] == 'f' && head[5] == 't' && head[6] == 'y' && head[7] == 'p') {
            return Content.MP4;
        }
        return Content.OTHER;
    }

    /** The form's {@code type}: the content's MIME type, else one from the extension, else octet-stream. */
    static String mime(Content content, String fileName) {
        if (content.mime != null) {
            return content.mime;
        }
        return MIME_BY_EXTENSION.getOrDefault(extension(fileName), "application/octet-stream");
    }

    /** The extension without the dot, lower case; empty when the name has none. */
    static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot <= 0 || dot == fileName.length() - 1 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static boolean startsWith(byte[] head, int... magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
