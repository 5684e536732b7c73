package dev.webwxbot.launcher;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import dev.webwxbot.launcher.emulator.EmulatorConsole;
import java.util.List;
import java.util.Map;

/**
 * Draws a QR code with Unicode half blocks, two modules per character cell, so it stays scannable over SSH, with
 * the quiet zone of four modules the QR standard asks for. A phone reads dark modules on a light ground; what is
 * dark depends on the terminal, hence {@link Colors}. Stateless; thread-safe.
 */
final class QrTerminal {

    private static final int QUIET_ZONE = 4;
    /** 256-colour black glyphs on a white cell: the code carries its own background, whatever the terminal's. */
    static final String ANSI_START = "\u001b[38;5;16;48;5;231m";
    static final String ANSI_END = "\u001b[0m";

    /** How the code is coloured: for the terminal's background, or with colours of its own. */
    enum Colors {
        /** Colours of its own ({@link #ANSI}) when the output is a terminal, else {@link #DARK} (a log, the journal). */
        AUTO,
        /** For a dark background: light modules drawn, dark ones left blank. */
        DARK,
        /** For a light background: dark modules drawn, light ones left blank. */
        LIGHT,
        /** Black on white set by ANSI colour codes, so it scans on any background (escape codes in a file, though). */
        ANSI;

        /** {@link #AUTO} decided for this process's standard output. */
        Colors resolved() {
            if (this != AUTO) return this;
            boolean plain = System.getenv("NO_COLOR") != null || "dumb".equals(System.getenv("TERM"));
            return !plain && EmulatorConsole.interactiveTerminal() ? ANSI : DARK;
        }

        /** The values as typed on the command line, for shell completion. */
        static final class Names extends java.util.ArrayList<String> {
            Names() {
                super(List.of("auto", "dark", "light", "ansi"));
            }
        }
    }

    private QrTerminal() {
    }

    /** The drawing in colours chosen for this process's output ({@link Colors#AUTO}). */
    static String render(String content) {
        return render(content, Colors.AUTO);
    }

    static String render(String content, Colors colors) {
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.MARGIN, 0, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.L));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode a QR code for " + content.length() + " characters", e);
        }
        Colors resolved = colors.resolved();
        // Which modules get a glyph: the light ones on a dark terminal, the dark ones everywhere else.
        boolean drawLight = resolved == Colors.DARK;
        int size = matrix.getWidth();
        StringBuilder out = new StringBuilder();
        for (int y = -QUIET_ZONE; y < size + QUIET_ZONE; y += 2) {
            if (resolved == Colors.ANSI) out.append(ANSI_START);
            for (int x = -QUIET_ZONE; x < size + QUIET_ZONE; x++) {
                boolean top = light(matrix, x, y) == drawLight;
                boolean bottom = light(matrix, x, y + 1) == drawLight;
                out.append(top ? (bottom ? '█' : '▀') : (bottom ? '▄' : ' '));
            }
            if (resolved == Colors.ANSI) out.append(ANSI_END);
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
