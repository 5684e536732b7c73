package dev.webwxbot.emulator.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bytes behind an account's media messages, by {@code MsgId}, by {@code MediaId} and by the CDN keys of their
 * content, so that the download endpoints (PROTOCOL.md 7) can serve them and forwards (5.3–5.6) can name them.
 * Keeps the newest {@value #KEPT} items. Guarded by the World monitor.
 */
final class MediaStore {
    private static final int KEPT = 2_000;

    /** One stored item; {@code thumbnail} is what {@code type=slave} answers. */
    record Item(byte[] bytes, String contentType, byte[] thumbnail, String fileName) {
    }

    /**
     * A file a web client uploaded (PROTOCOL.md 6.2), kept on disk: {@code mediaType} is the form's
     * {@code mediatype}, {@code md5} the MD5 of the reassembled bytes.
     */
    record Upload(String mediaId, String fileName, String mediaType, long size, String md5, Path file) {
        byte[] readAll() {
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read uploaded " + mediaId, e);
            }
        }
    }

    private final Map<String, Upload> uploads = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Upload> eldest) {
            if (size() > KEPT) {
                deleteQuietly(eldest.getValue().file());
                return true;
            }
            return false;
        }
    };

    private final Map<String, Item> byMsgId = bounded();
    private final Map<String, Item> byMediaId = bounded();
    /** Images and videos by the CDN address and AES key their message content names (what a forward sends back). */
    private final Map<String, Item> byCdnKeys = bounded();

    void putMessage(String msgId, Item item) {
        byMsgId.put(msgId, item);
    }

    void putMedia(String mediaId, Item item) {
        byMediaId.put(mediaId, item);
    }

    Item byMsgId(String msgId) {
        return msgId == null ? null : byMsgId.get(msgId.trim());
    }

    Item byMediaId(String mediaId) {
        return mediaId == null ? null : byMediaId.get(mediaId);
    }

    void putCdn(boolean video, String cdnUrl, String aesKey, Item item) {
        byCdnKeys.put(cdnKey(video, cdnUrl, aesKey), item);
    }

    /** The image (or video) whose content named this CDN address and key, or {@code null}. */
    Item byCdn(boolean video, String cdnUrl, String aesKey) {
        return cdnUrl.isEmpty() || aesKey.isEmpty() ? null : byCdnKeys.get(cdnKey(video, cdnUrl, aesKey));
    }

    private static String cdnKey(boolean video, String cdnUrl, String aesKey) {
        return (video ? "video " : "image ") + cdnUrl + " " + aesKey;
    }

    void putUpload(Upload upload) {
        uploads.put(upload.mediaId(), upload);
    }

    Upload upload(String mediaId) {
        return mediaId == null ? null : uploads.get(mediaId);
    }

    /** An earlier upload of the same content, for webwxcheckupload's "already have it" answer. */
    Upload uploadOf(String md5, long size) {
        for (Upload upload : uploads.values()) {
            if (upload.md5().equalsIgnoreCase(md5) && upload.size() == size) {
                return upload;
            }
        }
        return null;
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover temporary file is not worth failing a request for.
        }
    }

    static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is a required JDK algorithm", e);
        }
    }

    private static <V> Map<String, V> bounded() {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > KEPT;
            }
        };
    }
}
