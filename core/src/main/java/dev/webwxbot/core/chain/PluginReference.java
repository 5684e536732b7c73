package dev.webwxbot.core.chain;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigUtil;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A plugin's own defaults: the {@code reference.conf} at the root of its jar, read from that jar alone (never
 * through a class loader, which would fall back to the host's own {@code reference.conf}, and never through the
 * JDK's jar URL cache, which would serve a replaced jar's old content).
 *
 * <p>The file may spell its keys in full, {@code plugins.<id> { ... }} (Typesafe Config's convention), or hold the
 * bare block; both give the block.
 */
final class PluginReference {

    static final String FILE = "reference.conf";
    private static final int MAX_BYTES = 256 * 1024;

    private PluginReference() {
    }

    /** The plugin's block of defaults, empty when the jar has no {@code reference.conf}. */
    static Config read(Path jar, String pluginId) {
        String text;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry(FILE);
            if (entry == null) return ConfigFactory.empty();
            try (InputStream in = zip.getInputStream(entry)) {
                byte[] bytes = in.readNBytes(MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES) {
                    throw new IllegalStateException(FILE + " of " + jar.getFileName() + " is larger than " + MAX_BYTES + " bytes");
                }
                text = new String(bytes, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + FILE + " of " + jar.getFileName() + ": " + e.getMessage(), e);
        }
        Config parsed;
        try {
            // No includes: a plugin's defaults come from its own file only.
            parsed = ConfigFactory.parseString(text, ConfigParseOptions.defaults()
                    .setSyntax(ConfigSyntax.CONF).setOriginDescription(jar.getFileName() + "!/" + FILE)
                    .setAllowMissing(false)).resolve();
        } catch (ConfigException e) {
            throw new IllegalStateException(FILE + " of " + jar.getFileName() + " is not valid HOCON: " + e.getMessage(), e);
        }
        String fullPath = ConfigUtil.joinPath("plugins", pluginId);
        return parsed.hasPath(fullPath) ? parsed.getConfig(fullPath) : parsed;
    }
}
