package dev.webwxbot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class QrTerminalTest {

    private static final int PIXELS_PER_MODULE = 4;

    @Test
    void halfBlockDrawingDecodesBackToTheLoginUrl() throws Exception {
        String content = "https://login.weixin.qq.com/l/gbyKnbsmqQ==";
        assertEquals(content, decode(QrTerminal.render(content)));
    }

    /** Rasterises the drawing as a terminal shows it (blocks bright on a dark background) and reads it with ZXing. */
    private static String decode(String drawing) throws Exception {
        List<String> rows = drawing.lines().toList();
        int width = rows.get(0).length() * PIXELS_PER_MODULE;
        int height = rows.size() * 2 * PIXELS_PER_MODULE;
        int[] pixels = new int[width * height];
        for (int row = 0; row < rows.size(); row++) {
            String line = rows.get(row);
            for (int column = 0; column < line.length(); column++) {
                char cell = line.charAt(column);
                boolean top = cell == '█' || cell == '▀';
                boolean bottom = cell == '█' || cell == '▄';
                paint(pixels, width, column, row * 2, top);
                paint(pixels, width, column, row * 2 + 1, bottom);
            }
        }
        var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width, height, pixels)));
        return new QRCodeReader().decode(bitmap).getText();
    }

    private static void paint(int[] pixels, int width, int moduleX, int moduleY, boolean bright) {
        int rgb = bright ? 0xFFFFFF : 0x000000;
        for (int dy = 0; dy < PIXELS_PER_MODULE; dy++) {
            for (int dx = 0; dx < PIXELS_PER_MODULE; dx++) {
                pixels[(moduleY * PIXELS_PER_MODULE + dy) * width + moduleX * PIXELS_PER_MODULE + dx] = rgb;
            }
        }
    }
}
