package dev.webwxbot.core.chain;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last run of each cron job, kept in one small properties file of the data folder ({@code jobs.properties}):
 * key {@code <plugin>/<account>/<job>}, value the epoch millisecond the run started (or the job was first
 * scheduled, so a restart sees the runs missed before the first one). Read once at start, rewritten (atomically: a
 * temporary file moved into place) after each run; a few lines per plugin, so the rewrite is cheap. Why not the
 * message store: it is optional and per account, and a job's memory must work without it. Without a file, runs are
 * remembered in memory only (so within one process). Thread-safe.
 */
final class JobStore {

    private static final Logger log = LoggerFactory.getLogger(JobStore.class);

    private final Optional<Path> file;
    private final Properties runs = new Properties();

    JobStore(Optional<Path> file) {
        this.file = file;
        file.filter(Files::isRegularFile).ifPresent(this::load);
    }

    static String key(String pluginId, Optional<String> account, String job) {
        return pluginId + "/" + account.orElse("") + "/" + job;
    }

    synchronized Optional<Instant> lastRun(String key) {
        String value = runs.getProperty(key);
        if (value == null) return Optional.empty();
        try {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(value)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    synchronized void ran(String key, Instant due) {
        runs.setProperty(key, Long.toString(due.toEpochMilli()));
        file.ifPresent(this::save);
    }

    private void load(Path path) {
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            runs.load(in);
        } catch (IOException | IllegalArgumentException e) {
            log.warn("scheduled jobs: could not read {} ({}); missed runs are not caught up this time", path, e.toString());
        }
    }

    private void save(Path path) {
        try {
            Path dir = path.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, "jobs", ".tmp");
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                runs.store(out, "last run of each cron job (plugin/account/job = epoch ms); safe to delete");
            }
            Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("scheduled jobs: could not write {}: {}", path, e.toString());
        }
    }
}
