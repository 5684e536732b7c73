package dev.webwxbot.core.internal.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MediaMagicTest {

    @Test
    void whatWeChatCarriesIsRecognisedByItsFirstBytes() {
        assertEquals("image/png", type(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D));
        assertEquals("image/jpeg", type(0xFF, 0xD8, 0xFF, 0xE1));
        assertEquals("image/gif", type("GIF87a\u0001\u0000"));
        assertEquals("image/webp", type("RIFF\u0010\u0000\u0000\u0000WEBPVP8 "));
        assertEquals("image/bmp", type('B', 'M', 0x36, 0x10, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0));
        assertEquals("video/mp4", type(0, 0, 0, 0x20, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'));
        assertEquals("video/quicktime", type(0, 0, 0, 0x14, 'f', 't', 'y', 'p', 'q', 't', ' ', ' '));
        assertEquals("audio/mp4", type(0, 0, 0, 0x20, 'f', 't', 'y', 'p', 'M', '4', 'A', ' '));
        assertEquals("audio/mpeg", type("ID3\u0004\u0000"));
        assertEquals("audio/mpeg", type(0xFF, 0xFB, 0x90, 0x64), "an MP3 frame without a tag");
        assertEquals("audio/amr", type("#!AMR\n\u003c"));
        assertEquals("audio/silk", type("#!SILK_V3\u0000"));
        assertEquals("audio/silk", type("\u0002#!SILK_V3\u0000"), "WeChat's own voice files");
        assertEquals("audio/wav", type("RIFF\u0024\u0000\u0000\u0000WAVEfmt "));
        assertEquals("application/pdf", type("%PDF-1.4\n"));
        assertEquals("application/zip", type('P', 'K', 3, 4, 20, 0));
        assertEquals("application/gzip", type(0x1F, 0x8B, 0x08, 0));
    }

    @Test
    void lookalikesAreLeftToTheContentType() {
        assertEquals("", type('B', 'M', 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), "BM with a non-zero reserved field");
        assertEquals("", type(0xFF, 0xFB, 0xF0, 0x64), "an MPEG frame header with a bad bitrate");
        assertEquals("", type(0xFF, 0xFD, 0x90, 0x64), "an MPEG frame header of layer I");
        assertEquals("", type("GIF8"), "too short to tell");
        assertEquals("", type("RIFF\u0010\u0000\u0000\u0000XXXX"));
        assertEquals("", type("hello, world"));
    }

    @Test
    void randomBytesAreAlmostNeverTakenForMedia() {
        Random random = new Random(42);
        int recognised = 0;
        for (int i = 0; i < 100_000; i++) {
            byte[] head = new byte[16];
            random.nextBytes(head);
            if (MediaMagic.contentType(head, head.length).isPresent()) recognised++;
        }
        // The MPEG frame sync is the weakest signature; its constraints keep chance hits near 6 in 100000.
        assertTrue(recognised < 30, recognised + " of 100000 random heads were recognised");
    }

    private static String type(int... bytes) {
        byte[] head = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) head[i] = (byte) bytes[i];
        return result(MediaMagic.contentType(head, head.length));
    }

    private static String type(String ascii) {
        byte[] head = ascii.getBytes(StandardCharsets.ISO_8859_1);
        return result(MediaMagic.contentType(head, head.length));
    }

    private static String result(Optional<String> type) {
        return type.orElse("");
    }
}
