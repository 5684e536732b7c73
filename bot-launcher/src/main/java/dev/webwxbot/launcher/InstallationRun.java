package dev.webwxbot.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * What the commands that run the built distribution as a child process ({@code soak}, {@code bench}) share: the
 * {@code --dist} option naming the installation, its check, and the work folder the run writes into, with the
 * emulator's log (this JVM's) kept there. A picocli mixin.
 */
public final class InstallationRun {

    @Option(names = "--dist", paramLabel = "DIR", description = "the installation whose bin/webwx-bot is run (default: this one)")
    Path dist;

    /** The installation to run: {@code --dist}, else this one; it must hold {@code bin/webwx-bot}. */
    public Path home() {
        Path home = dist != null ? dist : Path.of(System.getProperty("webwx-bot.home", "."));
        if (!Files.isRegularFile(home.resolve("bin/webwx-bot"))) {
            throw new IllegalArgumentException("no bin/webwx-bot under " + home.toAbsolutePath() + "; give --dist DIR");
        }
        return home;
    }

    /**
     * {@code workDir}, or a new temporary folder named after {@code prefix}; the emulator's own log goes into it, not
     * into a data/ folder of wherever the command was started. Call it once the options were checked, so a mistake
     * leaves no folder behind.
     */
    public static Path workFolder(Path workDir, String prefix) throws IOException {
        Path work = workDir != null ? workDir : Files.createTempDirectory(prefix);
        LogFiles.underDataDir(work.resolve("emulator"));
        return work;
    }
}
