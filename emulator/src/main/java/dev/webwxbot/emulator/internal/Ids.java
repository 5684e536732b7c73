package dev.webwxbot.emulator.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Fresh random identifiers in the formats observed on the wire (PROTOCOL.md 0.5). Thread-safe. */
final class Ids {
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String TICKET_CHARS = ALNUM + "_-";
    private static final String LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final long SMALLEST_19_DIGITS = 1_000_000_000_000_000_000L;

    private final SecureRandom random = new SecureRandom();

    /** A QR uuid such as {@code gbyKnbsmqQ==}: base64 of 7 bytes, re-drawn until it has no {@code +} or {@code /}. */
    String qrUuid() {
        while (true) {
            String candidate = Base64.getEncoder().encodeToString(bytes(7));
            if (candidate.indexOf('+') < 0 && candidate.indexOf('/') < 0) {
                return candidate;
            }
        }
    }

    /** A login ticket such as {@code AaXdHpmbWGYo_ZOk7ylAnnCY@qrticket_0}. */
    String loginTicket() {
        return "A" + chars(TICKET_CHARS, 23) + "@qrticket_0";
    }

    /** {@code @crypt_<8 hex>_<32 hex>}. */
    String skey() {
        return "@crypt_" + hex(4) + "_" + hex(16);
    }

    /** 16 base64 characters, possibly containing {@code /} or {@code +}, like {@code ie/1f66Oxv5UpbOh}. */
    String wxsid() {
        return Base64.getEncoder().encodeToString(bytes(12));
    }

    /** A pass_ticket already percent-encoded, as the login XML carries it (44 base64 chars before encoding). */
    String passTicket() {
        return URLEncoder.encode(Base64.getEncoder().encodeToString(bytes(32)), StandardCharsets.UTF_8);
    }

    /** 24 base64 characters, like {@code gSehWtnDWTMh38gmz0IjaFv0}. */
    String dataTicket() {
        return Base64.getEncoder().encodeToString(bytes(18));
    }

    /** 96 hex characters (the captured {@code webwxuvid} length). */
    String uvid() {
        return hex(48);
    }

    /** A long base64 blob like the captured {@code webwx_auth_ticket}. */
    String authTicket() {
        return Base64.getEncoder().encodeToString(bytes(128));
    }

    /** A wxuin of 9 or 10 digits that fits an unsigned 32-bit value. */
    long uin() {
        return random.nextLong(100_000_000L, 4_294_967_295L);
    }

    /** A permanent person id {@code wxid_<14 lowercase alnum>}. */
    String wxid() {
        return "wxid_" + chars(LOWER_ALNUM, 14);
    }

    /** A permanent MP id {@code gh_<12 hex>}. */
    String officialAccountId() {
        return "gh_" + hex(6);
    }

    /** A permanent group id {@code <digits>@chatroom}. */
    String chatroomId() {
        return random.nextLong(1_000_000_000L, 9_999_999_999L) + "@chatroom";
    }

    /** A session UserName {@code @<hexLength hex>} for persons and MPs. */
    String personUserName(int hexLength) {
        return "@" + hex(hexLength / 2);
    }

    /** A session UserName {@code @@<64 hex>} for groups. */
    String groupUserName() {
        return "@@" + hex(32);
    }

    /** {@code @<32 hex>}, the EncryChatRoomId form. */
    String encryChatRoomId() {
        return "@" + hex(16);
    }

    /** A positive 19-digit message id. */
    long messageId() {
        return random.nextLong(SMALLEST_19_DIGITS, Long.MAX_VALUE);
    }

    /** A uniformly drawn value in {@code [from, to)}. */
    long between(long from, long to) {
        return random.nextLong(from, to);
    }

    byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    private String hex(int byteCount) {
        return HexFormat.of().formatHex(bytes(byteCount));
    }

    private String chars(String alphabet, int count) {
        StringBuilder out = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
