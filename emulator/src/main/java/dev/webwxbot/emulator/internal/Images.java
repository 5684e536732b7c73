package dev.webwxbot.emulator.internal;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import javax.imageio.ImageIO;

/** JPEG pictures the login flow serves: the QR code (PROTOCOL.md 2.3) and the scanner's avatar (2.4). */
final class Images {
    private static final int QR_SIZE = 430;
    private static final int AVATAR_SIZE = 132;
    private static final int THUMBNAIL_SIZE = 120;

    private Images() {
    }

    /** The QR code for the text the real page encodes: {@code https://login.weixin.qq.com/l/{uuid}}. */
    static byte[] qrCodeJpeg(String text) {
        try {
            BitMatrix matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, QR_SIZE, QR_SIZE,
                    Map.of(EncodeHintType.MARGIN, 2));
            BufferedImage image = new BufferedImage(matrix.getWidth(), matrix.getHeight(), BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < matrix.getHeight(); y++) {
                for (int x = 0; x < matrix.getWidth(); x++) {
                    image.setRGB(x, y, matrix.get(x, y) ? 0x000000 : 0xFFFFFF);
                }
            }
            return jpeg(image);
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode QR text of length " + text.length(), e);
        }
    }

    /** A plain square whose colour is derived from the account, enough to be a valid {@code data:img/jpg} avatar. */
    static byte[] avatarJpeg(long seed) {
        return squareJpeg(seed, AVATAR_SIZE);
    }

    private static byte[] squareJpeg(long seed, int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        int colour = (int) (seed * 2654435761L) & 0xFFFFFF;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                image.setRGB(x, y, colour);
            }
        }
        return jpeg(image);
    }

    /**
     * Width and height of the thumbnail {@link #thumbnailJpeg} makes of a {@code width}×{@code height} picture; a
     * picture of unknown size (0) gets the plain {@value #THUMBNAIL_SIZE} px square.
     */
    static int[] thumbnailSize(int width, int height) {
        if (width <= 0 || height <= 0) {
            return new int[] {THUMBNAIL_SIZE, THUMBNAIL_SIZE};
        }
        double scale = Math.min(1.0, (double) THUMBNAIL_SIZE / Math.max(width, height));
        return new int[] {Math.max(1, (int) Math.round(width * scale)), Math.max(1, (int) Math.round(height * scale))};
    }

    /**
     * A thumbnail for {@code type=slave}: the picture scaled to at most {@value #THUMBNAIL_SIZE} px when it decodes,
     * otherwise a plain square (the real server's thumbnails are its own re-encodings too).
     */
    static byte[] thumbnailJpeg(byte[] picture) {
        BufferedImage source = null;
        try {
            source = ImageIO.read(new java.io.ByteArrayInputStream(picture));
        } catch (IOException | RuntimeException e) {
            // Not a picture ImageIO understands; fall back to the square below.
        }
        if (source == null) {
            return squareJpeg(Arrays.hashCode(picture), THUMBNAIL_SIZE);
        }
        int[] size = thumbnailSize(source.getWidth(), source.getHeight());
        int width = size[0];
        int height = size[1];
        BufferedImage thumb = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var graphics = thumb.createGraphics();
        try {
            graphics.drawImage(source, 0, 0, width, height, null);
        } finally {
            graphics.dispose();
        }
        return jpeg(thumb);
    }

    /** Width and height of a picture, or {@code null} when it does not decode. */
    static int[] dimensions(byte[] picture) {
        try {
            BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(picture));
            return image == null ? null : new int[] {image.getWidth(), image.getHeight()};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static byte[] jpeg(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "jpg", out)) {
                throw new IllegalStateException("no JPEG writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
