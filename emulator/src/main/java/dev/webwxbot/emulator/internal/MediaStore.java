package dev.webwxbot.emulator.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bytes behind an account's media messages, by {@code MsgId} and by {@code MediaId}, so that the download
 * endpoints (PROTOCOL.md 7) can serve them. Keeps the newest {@value #KEPT} items. Guarded by the World monitor.
 */
final class MediaStore {
    private static final int KEPT = 2_000;

    /** One stored item; {@code thumbnail} is what {@code type=slave} answers. */
    record Item(byte[] bytes, String contentType, byte[] thumbnail, String fileName) {
    }

    private final Map<String, Item> byMsgId = bounded();
    private final Map<String, Item> byMediaId = bounded();

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
