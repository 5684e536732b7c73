package dev.webwxbot.server.account;

import java.util.Map;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValueFactory;
import dev.webwxbot.safeoutput.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The accounts added through the API, remembered in {@code DATA_DIR/accounts.conf} (HOCON, owner-only) so they are
 * still there after a restart. The operator's configuration file is never written. Not thread-safe: {@link Accounts}
 * serialises its calls.
 */
final class AddedAccounts {

    static final String FILE = "accounts.conf";

    private final Path file;

    AddedAccounts(Path dataDir) {
        this.file = dataDir.resolve(FILE);
    }

    /** What the file holds; empty when there is none. */
    Config load() {
        if (!Files.isRegularFile(file)) return ConfigFactory.empty();
        return ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false)).resolve();
    }

    void add(String id, Config block) {
        write(load().withValue("accounts." + ConfigUtil.quoteString(id), block.root()));
    }

    void remove(String id) {
        write(load().withoutPath("accounts." + ConfigUtil.quoteString(id)));
    }

    private void write(Config config) {
        if (!config.hasPath("accounts")) config = config.withValue("accounts", ConfigValueFactory.fromMap(Map.of()));
        String text = "# Accounts added through the HTTP API; remove them with the API (or here, while the bot is stopped).\n"
                + config.root().render(ConfigRenderOptions.concise().setFormatted(true).setJson(false)) + "\n";
        try {
            OwnerOnly.createDirectories(file.toAbsolutePath().getParent());
            Path temp = file.resolveSibling("." + FILE + ".tmp");
            Files.deleteIfExists(temp);
            OwnerOnly.createFile(temp);
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
