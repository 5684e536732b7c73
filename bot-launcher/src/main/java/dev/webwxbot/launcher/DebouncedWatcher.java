package dev.webwxbot.launcher;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one folder and runs an action once the files it cares about have stopped changing for a quiet period,
 * so an editor's save-in-three-steps or a jar copied in slowly triggers one reload, not several. One virtual
 * thread; the action runs on it, never concurrently with itself. An action that throws is logged and the watch
 * goes on. Closing stops it.
 */
final class DebouncedWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DebouncedWatcher.class);

    private final WatchService watcher;
    private final Thread thread;

    private DebouncedWatcher(WatchService watcher, Thread thread) {
        this.watcher = watcher;
        this.thread = thread;
    }

    /**
     * @param folder the folder to watch (it must exist)
     * @param relevant which file names (relative to {@code folder}) matter
     * @param quiet how long nothing relevant must change before {@code action} runs
     */
    static DebouncedWatcher watch(String name, Path folder, Predicate<Path> relevant, Duration quiet, Runnable action)
            throws IOException {
        WatchService service = FileSystems.getDefault().newWatchService();
        try {
            folder.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException | RuntimeException e) {
            service.close();
            throw e;
        }
        Thread thread = Thread.ofVirtual().name("watch-" + name).start(() -> loop(name, service, relevant, quiet, action));
        return new DebouncedWatcher(service, thread);
    }

    private static void loop(String name, WatchService service, Predicate<Path> relevant, Duration quiet, Runnable action) {
        try {
            while (true) {
                WatchKey key = service.take();
                boolean changed = drain(key, relevant);
                // Keep waiting while changes keep coming; act once it has been quiet long enough.
                while (true) {
                    WatchKey more = service.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
                    if (more == null) break;
                    changed |= drain(more, relevant);
                }
                if (!changed) continue;
                try {
                    action.run();
                } catch (RuntimeException e) {
                    log.error("{}: reacting to a change failed: {}", name, e.toString(), e);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            log.debug("{} watcher stopped", name);
        }
    }

    private static boolean drain(WatchKey key, Predicate<Path> relevant) {
        boolean changed = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                changed = true;
            } else if (event.context() instanceof Path file && relevant.test(file)) {
                changed = true;
            }
        }
        key.reset();
        return changed;
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            log.debug("closing the watch service: {}", e.toString());
        }
        thread.interrupt();
    }
}
