package dev.webwxbot.emulator.scenario;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Media for scenario messages that name no file: a real JPEG or GIF of the asked size, or filler bytes. */
final class GeneratedMedia {
    private GeneratedMedia() {
    }

    static byte[] jpeg(int width, int height) {
        return image(width, height, BufferedImage.TYPE_INT_RGB, "jpg");
    }

    static byte[] gif(int width, int height) {
        return image(width, height, BufferedImage.TYPE_BYTE_INDEXED, "gif");
    }

    /** {@code size} bytes of a repeating pattern (voice, video and file bodies are not decoded by the emulator). */
    static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    private static byte[] image(int width, int height, int type, String format) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setColor(new Color(0x07C160)); // WeChat green, so a viewer shows something recognisable
            graphics.fillRect(0, 0, width, height);
            graphics.setColor(Color.WHITE);
            graphics.fillOval(width / 4, height / 4, Math.max(1, width / 2), Math.max(1, height / 2));
        } finally {
            graphics.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
