package dev.webwxbot.launcher.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * wechat4u where the benchmark runs it: the emulator's interop folder ({@code emulator/interop/wechat4u}: the pinned
 * {@code package-lock.json}, {@code bot.js}, {@code loopback.js}) copied to a home folder and {@code npm ci} run there,
 * as the emulator's {@code Wechat4uInteropTest} does (into {@code emulator/target/wechat4u-interop}, which is the
 * default home, so a checkout whose tests ran has it already). Skipped when the same lock file was installed before.
 */
final class Wechat4uInstall {

    static final List<String> FILES = List.of("package.json", "package-lock.json", "loopback.js", "bot.js");
    private static final String MARKER = "node_modules/.installed-lock.json";

    private Wechat4uInstall() {
    }

    /** True when {@code node} and {@code npm} both run here. */
    static boolean nodeRuns() {
        return runs("node", "--version") && runs("npm", "--version");
    }

    /** Makes {@code home} hold wechat4u installed from {@code sources}; returns {@code home}. */
    static Path ensure(Path sources, Path home) throws IOException, InterruptedException {
        for (String file : FILES) {
            if (!Files.isRegularFile(sources.resolve(file))) {
                throw new IllegalArgumentException("no " + file + " in " + sources.toAbsolutePath()
                        + " (the emulator's interop/wechat4u folder); give --wechat4u-sources DIR");
            }
        }
        Files.createDirectories(home);
        for (String file : FILES) {
            Files.copy(sources.resolve(file), home.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        String lock = Files.readString(sources.resolve("package-lock.json"));
        Path marker = home.resolve(MARKER);
        if (Files.exists(marker) && Files.readString(marker).equals(lock)
                && Files.exists(home.resolve("node_modules/wechat4u/package.json"))) {
            return home;
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--prefer-offline")
                .directory(home.toFile()).redirectErrorStream(true).start();
        // Read on its own thread: a full pipe would stall npm.
        StringBuilder output = new StringBuilder();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (InputStream in = npm.getInputStream()) {
                output.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                output.append("(reading npm's output failed: ").append(e).append(')');
            }
        });
        if (!npm.waitFor(5, TimeUnit.MINUTES)) {
            npm.destroyForcibly();
            throw new IllegalStateException("npm ci did not finish within 5 minutes in " + home);
        }
        reader.join();
        if (npm.exitValue() != 0) throw new IllegalStateException("npm ci failed in " + home + ":\n" + output);
        Files.writeString(marker, lock);
        return home;
    }

    private static boolean runs(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
