package dev.webwxbot.launcher.emulator;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Small media the chatter sends: a real JPEG and GIF (so clients that decode them can), and byte strings that
 * start like an MP3 frame and an MP4 file (the emulator serves media bytes as given; nothing plays them).
 * Stateless; thread-safe.
 */
final class SampleMedia {
    private SampleMedia() {
    }

    static byte[] jpeg(long seed) {
        return image(seed, "jpg", BufferedImage.TYPE_INT_RGB);
    }

    static byte[] gif(long seed) {
        return image(seed, "gif", BufferedImage.TYPE_INT_RGB);
    }

    /** An MPEG-1 layer III frame header (128 kbit/s, 44.1 kHz) and silence. */
    static byte[] mp3() {
        byte[] bytes = new byte[417];
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xFB;
        bytes[2] = (byte) 0x90;
        bytes[3] = (byte) 0x64;
        return bytes;
    }

    /** An ISO base media {@code ftyp} box (brand isom), as an MP4 file starts. */
    static byte[] mp4() {
        return new byte[] {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0,
                'i', 's', 'o', 'm', 'm', 'p', '4', '1'};
    }

    private static byte[] image(long seed, String format, int type) {
        BufferedImage image = new BufferedImage(64, 48, type);
        var graphics = image.createGraphics();
        graphics.setColor(Color.getHSBColor((seed % 36) / 36f, 0.6f, 0.9f));
        graphics.fillRect(0, 0, 64, 48);
        graphics.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
