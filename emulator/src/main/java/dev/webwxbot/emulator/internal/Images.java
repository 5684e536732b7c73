package dev.webwxbot.emulator.internal;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** JPEG pictures the login flow serves: the QR code (PROTOCOL.md 2.3) and the scanner's avatar (2.4). */
final class Images {
    private static final int QR_SIZE = 430;
    private static final int AVATAR_SIZE = 132;

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
        BufferedImage image = new BufferedImage(AVATAR_SIZE, AVATAR_SIZE, BufferedImage.TYPE_INT_RGB);
        int colour = (int) (seed * 2654435761L) & 0xFFFFFF;
        for (int y = 0; y < AVATAR_SIZE; y++) {
            for (int x = 0; x < AVATAR_SIZE; x++) {
                image.setRGB(x, y, colour);
            }
        }
        return jpeg(image);
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
