package dev.webwxbot.launcher;

import dev.webwxbot.core.LoginProgress;
import dev.webwxbot.safeoutput.TerminalText;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.function.Consumer;

/** Prints login progress for a person watching the console: QR code, scanned, contacts loading, online. */
public final class ProgressPrinter implements Consumer<LoginProgress> {

    private final PrintWriter out;
    private final boolean drawQr;
    private final String label;
    private final QrTerminal.Colors colors;
    private int lastContactReport = -1;

    public ProgressPrinter(PrintStream out, boolean drawQr) {
        this(new PrintWriter(out, true), drawQr);
    }

    ProgressPrinter(PrintWriter out, boolean drawQr) {
        this(out, drawQr, "[login]");
    }

    /** @param label starts every line: {@code [login]}, or an account's name when a daemon has several */
    ProgressPrinter(PrintWriter out, boolean drawQr, String label) {
        this(out, drawQr, label, QrTerminal.Colors.AUTO);
    }

    /** @param colors how the QR code is drawn ({@code --qr-colors}) */
    ProgressPrinter(PrintWriter out, boolean drawQr, String label, QrTerminal.Colors colors) {
        this.out = out;
        this.drawQr = drawQr;
        this.label = label;
        this.colors = colors;
    }

    @Override
    public synchronized void accept(LoginProgress progress) {
        switch (progress) {
            case LoginProgress.QrCode qr -> {
                out.println(label + " scan this QR code with WeChat on your phone (" + TerminalText.clean(qr.content()) + ")");
                if (drawQr) out.print(QrTerminal.render(qr.content(), colors));
            }
            case LoginProgress.PushSent pushed -> out.println(label + " a login request was sent to your phone; confirm it there");
            case LoginProgress.Scanned scanned -> out.println(label + " scanned; confirm the login on the phone");
            case LoginProgress.QrExpired expired -> out.println(label + " the QR code expired; here is a new one");
            case LoginProgress.Confirmed confirmed -> out.println(label + " confirmed; setting up the session");
            case LoginProgress.LoadingContacts loading -> {
                if (loading.loaded() != lastContactReport) {
                    lastContactReport = loading.loaded();
                    out.println(label + " loading contacts: " + loading.loaded());
                }
            }
            case LoginProgress.Online online -> out.println(label + " online as "
                    + TerminalText.clean(online.self().displayName()) + " with " + online.contacts() + " contacts");
        }
        out.flush();
    }
}
