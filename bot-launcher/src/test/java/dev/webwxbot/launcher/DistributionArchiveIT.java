package dev.webwxbot.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The release archive {@code ./webwx-bot build} packs: its {@code plugins/} holds exactly the bundled plugins this
 * build made, never whatever else lies in {@code target/dist/plugins} (where a developer drops a jar to try it
 * with {@code ./webwx-bot run}). Runs after {@code package}.
 */
class DistributionArchiveIT {

    private static final Path DIST = Path.of(System.getProperty("webwx.test.dist", "target/dist"));

    @Test
    void theArchivesPluginsFolderHoldsExactlyTheBundledPluginsOfThisBuild() throws Exception {
        Map<String, byte[]> plugins = new TreeMap<>();
        readTar(archive(), (name, bytes) -> {
            String path = name.substring(name.indexOf('/') + 1); // under webwx-bot-<version>/
            if (path.startsWith("plugins/") && !path.equals("plugins/")) plugins.put(path, bytes);
        });

        assertEquals(java.util.List.of("plugins/plugin-auto-reply.jar", "plugins/plugin-echo.jar"),
                java.util.List.copyOf(plugins.keySet()));
        for (Map.Entry<String, byte[]> plugin : plugins.entrySet()) {
            assertArrayEquals(Files.readAllBytes(DIST.resolve(plugin.getKey())), plugin.getValue(),
                    plugin.getKey() + " is the jar this build laid out");
        }
    }

    private static Path archive() throws IOException {
        try (Stream<Path> files = Files.list(DIST.getParent())) {
            return files.filter(f -> f.getFileName().toString().matches("webwx-bot-.*\\.tar\\.gz")).findFirst()
                    .orElseThrow(() -> new AssertionError("no archive in " + DIST.getParent()));
        }
    }

    private interface Entry {
        void accept(String name, byte[] bytes);
    }

    /** The files of a ustar/GNU tar.gz: 512-byte headers (name, octal size), contents padded to 512 bytes. */
    private static void readTar(Path file, Entry entry) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            String longName = null;
            while (true) {
                byte[] header = in.readNBytes(512);
                if (header.length < 512 || header[0] == 0) return;
                long size = Long.parseLong(new String(header, 124, 12, StandardCharsets.US_ASCII).trim().replace("\0", ""), 8);
                byte[] body = in.readNBytes((int) size);
                in.skipNBytes((512 - size % 512) % 512);
                char type = (char) header[156];
                if (type == 'L') { // GNU long name: the next entry's name
                    longName = new String(body, StandardCharsets.UTF_8).replace("\0", "");
                    continue;
                }
                // The POSIX prefix field exists only in POSIX ustar headers; GNU headers keep other fields there.
                boolean posix = new String(header, 257, 6, StandardCharsets.US_ASCII).equals("ustar\0");
                String prefix = posix ? field(header, 345, 155) : "";
                String name = longName != null ? longName : (prefix.isEmpty() ? "" : prefix + "/") + field(header, 0, 100);
                longName = null;
                if (type == '0' || type == '\0') entry.accept(name, body);
            }
        }
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) end++;
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }
}
