package dev.webwxbot.server.account;

import java.io.ByteArrayOutputStream;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import dev.webwxbot.safeoutput.OwnerOnly;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Saves the login QR code as a PNG, for an operator who cannot scan the terminal (a log viewer, a remote desktop).
 * Written to a temporary file and moved into place, owner-only: whoever scans it logs their account into this bot.
 */
public final class QrImage {

    private static final int MODULE_PIXELS = 8;
    private static final int QUIET_MODULES = 4;

    private QrImage() {
    }

    /** The QR code of {@code content} as PNG bytes. */
    public static byte[] png(String content) throws IOException {
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 0, 0, Map.of(EncodeHintType.MARGIN, 0));
        } catch (WriterException e) {
            throw new IOException("cannot encode a QR code for " + content.length() + " characters", e);
        }
        int modules = matrix.getWidth() + 2 * QUIET_MODULES;
        int size = modules * MODULE_PIXELS;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int mx = x / MODULE_PIXELS - QUIET_MODULES;
                int my = y / MODULE_PIXELS - QUIET_MODULES;
                boolean dark = mx >= 0 && my >= 0 && mx < matrix.getWidth() && my < matrix.getHeight() && matrix.get(mx, my);
                image.setRGB(x, y, dark ? 0x000000 : 0xFFFFFF);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        return png.toByteArray();
    }

    public static void save(String content, Path file) throws IOException {
        byte[] png = png(content);
        OwnerOnly.createDirectories(file.toAbsolutePath().getParent());
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        OwnerOnly.createFile(temp);
        // Into the file made owner-only above (a fresh file would get the umask's permissions).
        Files.write(temp, png);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
