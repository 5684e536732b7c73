package dev.webwxbot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The terminal QR code read back the way a phone sees it: each drawing rasterised as a terminal with a dark or a
 * light background shows it (glyphs in the terminal's text colour, blanks in its background, unless the drawing
 * sets colours of its own) and decoded with ZXing.
 */
class QrTerminalTest {

    private static final String URL = "https://login.weixin.qq.com/l/gbyKnbsmqQ==";
    private static final int PIXELS_PER_MODULE = 4;
    private static final int BLACK = 0x000000;
    private static final int WHITE = 0xFFFFFF;

    @Test
    void theDarkDrawingScansOnADarkTerminal() throws Exception {
        assertEquals(URL, decode(QrTerminal.render(URL, QrTerminal.Colors.DARK), false));
    }

    @Test
    void theLightDrawingScansOnALightTerminal() throws Exception {
        assertEquals(URL, decode(QrTerminal.render(URL, QrTerminal.Colors.LIGHT), true));
    }

    @Test
    void aDrawingForTheOtherBackgroundIsInvertedAndDoesNotScan() {
        // Why the colours matter: a phone reads dark modules on a light ground, not the reverse.
        assertThrows(NotFoundException.class, () -> decode(QrTerminal.render(URL, QrTerminal.Colors.DARK), true));
        assertThrows(NotFoundException.class, () -> decode(QrTerminal.render(URL, QrTerminal.Colors.LIGHT), false));
    }

    @Test
    void theAnsiDrawingCarriesItsOwnBackgroundAndScansOnBothTerminals() throws Exception {
        String drawing = QrTerminal.render(URL, QrTerminal.Colors.ANSI);
        assertTrue(drawing.lines().allMatch(line -> line.startsWith(QrTerminal.ANSI_START)
                && line.endsWith(QrTerminal.ANSI_END)), "every line sets its colours and resets them");
        assertEquals(URL, decode(drawing, false));
        assertEquals(URL, decode(drawing, true));
    }

    @Test
    void aQuietZoneOfFourModulesSurroundsTheCode() {
        List<String> rows = QrTerminal.render(URL, QrTerminal.Colors.LIGHT).lines().toList();
        // Light drawing: a glyph is a dark module. Four modules are two rows of half blocks and four columns.
        assertTrue(rows.get(0).isBlank() && rows.get(1).isBlank(), "top");
        assertTrue(rows.get(rows.size() - 1).isBlank() && rows.get(rows.size() - 2).isBlank(), "bottom");
        assertTrue(rows.stream().allMatch(row -> row.startsWith("    ") && row.endsWith("    ")), "sides");
        assertFalse(rows.get(2).isBlank(), "the code starts right after");
    }

    @Test
    void autoDrawsWithoutColourCodesWhenTheOutputIsNotATerminal() {
        // Under the test runner standard output is a pipe, as in a log file or the systemd journal.
        assertEquals(QrTerminal.render(URL, QrTerminal.Colors.DARK), QrTerminal.render(URL));
    }

    /**
     * Rasterises {@code drawing} as a terminal shows it and reads it with ZXing. Without colour codes glyphs take
     * the terminal's text colour (black on a light terminal, white on a dark one) and blanks its background;
     * {@link QrTerminal#ANSI_START} sets black glyphs on white cells until {@link QrTerminal#ANSI_END}.
     */
    static String decode(String drawing, boolean lightTerminal) throws Exception {
        List<String> rows = drawing.lines().toList();
        int columns = rows.stream().mapToInt(row -> stripAnsi(row).length()).max().orElseThrow();
        int width = columns * PIXELS_PER_MODULE;
        int height = rows.size() * 2 * PIXELS_PER_MODULE;
        int[] pixels = new int[width * height];
        java.util.Arrays.fill(pixels, lightTerminal ? WHITE : BLACK);
        for (int row = 0; row < rows.size(); row++) {
            String line = rows.get(row);
            boolean own = line.startsWith(QrTerminal.ANSI_START);
            int glyph = own ? BLACK : lightTerminal ? BLACK : WHITE;
            int background = own ? WHITE : lightTerminal ? WHITE : BLACK;
            String cells = stripAnsi(line);
            for (int column = 0; column < cells.length(); column++) {
                char cell = cells.charAt(column);
                boolean top = cell == '█' || cell == '▀';
                boolean bottom = cell == '█' || cell == '▄';
                paint(pixels, width, column, row * 2, top ? glyph : background);
                paint(pixels, width, column, row * 2 + 1, bottom ? glyph : background);
            }
        }
        var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width, height, pixels)));
        return new QRCodeReader().decode(bitmap).getText();
    }

    private static String stripAnsi(String line) {
        return line.replace(QrTerminal.ANSI_START, "").replace(QrTerminal.ANSI_END, "");
    }

    private static void paint(int[] pixels, int width, int moduleX, int moduleY, int rgb) {
        for (int dy = 0; dy < PIXELS_PER_MODULE; dy++) {
            for (int dx = 0; dx < PIXELS_PER_MODULE; dx++) {
                pixels[(moduleY * PIXELS_PER_MODULE + dy) * width + moduleX * PIXELS_PER_MODULE + dx] = rgb;
            }
        }
    }
}
