package dev.webwxbot.launcher;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --record FILE} of the commands that log in ({@code run}, {@code chat}); docs/notes/record-replay.md. */
public final class RecordOption {

    @Option(names = "--record", paramLabel = "FILE",
            description = "write every HTTP exchange to FILE (owner-only; credentials, cookie values and tickets masked,"
                    + " media as SHA-256 and size), e.g. for a bug report: webwx-bot emulator --replay FILE plays it back")
    Path file;

    /** {@code settings} recording to the file when one was given. */
    public LauncherSettings applyTo(LauncherSettings settings) {
        return file == null ? settings : settings.withRecord(file);
    }
}
