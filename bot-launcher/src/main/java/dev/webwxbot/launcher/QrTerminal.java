package dev.webwxbot.launcher;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;

/**
 * Draws a QR code with Unicode half blocks, two modules per character cell, so it stays scannable over SSH.
 * Light modules are drawn and dark ones left blank, which reads right on the usual dark terminal background.
 */
final class QrTerminal {

    private static final int QUIET_ZONE = 2;

    private QrTerminal() {
    }

    static String render(String content) {
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.MARGIN, 0, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.L));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode a QR code for " + content.length() + " characters", e);
        }
        int size = matrix.getWidth();
        StringBuilder out = new StringBuilder();
        for (int y = -QUIET_ZONE; y < size + QUIET_ZONE; y += 2) {
            for (int x = -QUIET_ZONE; x < size + QUIET_ZONE; x++) {
                boolean top = light(matrix, x, y);
                boolean bottom = light(matrix, x, y + 1);
                out.append(top ? (bottom ? '█' : '▀') : (bottom ? '▄' : ' '));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static boolean light(BitMatrix matrix, int x, int y) {
        int size = matrix.getWidth();
        if (x < 0 || y < 0 || x >= size || y >= size) return true;
        return !matrix.get(x, y);
    }
}
