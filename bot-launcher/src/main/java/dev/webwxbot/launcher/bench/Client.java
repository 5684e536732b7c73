package dev.webwxbot.launcher.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A client the benchmark measures, and how it is started as a user would start it. */
enum Client {

    /** Our daemon: the distribution's {@code bin/webwx-bot run}, echo plugin answering. */
    OURS("ours", Pattern.compile("scan this QR code.*/l/([A-Za-z0-9_=-]+)\\)")),
    /** wechat4u 0.7.14 from npm with the interop folder's {@code bot.js}, which answers {@code echo: <text>}. */
    WECHAT4U("wechat4u", Pattern.compile("^\\[wechat4u] uuid (\\S+)$"));

    private final String label;
    private final Pattern qrLine;

    Client(String label, Pattern qrLine) {
        this.label = label;
        this.qrLine = qrLine;
    }

    String label() {
        return label;
    }

    /** The QR code's uuid when {@code line} is the client showing one. */
    Optional<String> qrUuid(String line) {
        Matcher m = qrLine.matcher(line);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * The command that starts this client against {@code server}, from {@code dir} (ours: its configuration file,
     * data and log folders are there).
     */
    List<String> command(BenchPlan plan, Path dir, String server) {
        return switch (this) {
            case OURS -> List.of("bash", plan.distHome().resolve("bin/webwx-bot").toString(), "run",
                    "--config", dir.resolve(Bench.CONFIG_FILE).toString(), "--server", server,
                    "--data-dir", dir.resolve("data").toString(),
                    "--plugins-dir", plan.distHome().resolve("plugins").toString());
            case WECHAT4U -> List.of("node", "--require", "./loopback.js", "bot.js");
        };
    }

    /** The folder it runs in. */
    Path directory(BenchPlan plan, Path dir) {
        return this == OURS ? dir : plan.wechat4uHome();
    }

    /** Environment added ({@code null}: removed). */
    Map<String, String> environment(BenchPlan plan, Path dir, String server) {
        Map<String, String> env = new HashMap<>();
        switch (this) {
            case OURS -> {
                env.put("JAVA_HOME", System.getProperty("java.home"));
                env.put("WEBWX_LOG_DIR", dir.resolve("logs").toString());
                // The distribution's defaults unless asked: what a user starting it gets is what is measured.
                env.put("WEBWX_JAVA_OPTS", plan.javaOpts().orElse(null));
            }
            case WECHAT4U -> {
                env.put("WECHAT_EMULATOR_URL", server);
                env.put("WECHAT4U_QUIET", "1"); // no console line per message: echo only, like ours
                env.put("DEBUG", null);
            }
        }
        return env;
    }
}
