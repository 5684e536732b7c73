package dev.webwxbot.launcher.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.launcher.LauncherSettings;
import dev.webwxbot.launcher.OperatorConfig;
import dev.webwxbot.testsupport.Await;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The real chat console on a JLine terminal whose keyboard and screen are in-memory streams, logged in to an
 * emulator over loopback. {@code dumb} is JLine's dumb terminal (lines as typed); {@code xterm} a virtual xterm,
 * where key bindings such as Tab work as on a real terminal. Closing quits the console if it is still running.
 */
final class ConsoleHarness implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final Path ECHO_PLUGINS = Path.of(System.getProperty("webwx.test.plugins", "target/dist/plugins"));

    private final Keyboard keyboard = new Keyboard();
    private final Screen screen = new Screen();
    private final Terminal terminal;
    private final CompletableFuture<Integer> exit;
    private final Path dataDir;

    private ConsoleHarness(String type, LauncherSettings settings, Optional<Boolean> autoReply) throws IOException {
        dataDir = settings.dataDir();
        terminal = TerminalBuilder.builder().system(false).type(type).streams(keyboard, screen)
                .encoding(StandardCharsets.UTF_8).size(new org.jline.terminal.Size(160, 40)).build();
        ChatConsole console = new ChatConsole(terminal, settings, OperatorConfig.load(Optional.empty()), autoReply, ZoneId.systemDefault());
        exit = CompletableFuture.supplyAsync(console::run, runnable -> Thread.ofPlatform().name("chat-console").start(runnable));
    }

    /** Starts the console and logs it in with the account's phone; returns once it says it is online. */
    static ConsoleHarness online(Emulator emulator, Account account, Path dataDir, Path pluginsDir,
            Optional<Boolean> autoReply, String terminalType) throws IOException {
        ConsoleHarness console = new ConsoleHarness(terminalType, settings(emulator, dataDir, pluginsDir), autoReply);
        String uuid = emulator.awaitQrUuid(WAIT);
        account.phone().scan(uuid);
        account.phone().confirm();
        if (autoReply.isPresent()) console.awaitOutput("[chat] online as");
        return console;
    }

    static ConsoleHarness online(Emulator emulator, Account account, Path dataDir, Path pluginsDir) throws IOException {
        return online(emulator, account, dataDir, pluginsDir, Optional.of(false), Terminal.TYPE_DUMB);
    }

    /** Starts the console without scanning anything, for a session resumed from the data folder. */
    static ConsoleHarness resuming(Emulator emulator, Path dataDir, Path pluginsDir) throws IOException {
        return new ConsoleHarness(Terminal.TYPE_DUMB, settings(emulator, dataDir, pluginsDir), Optional.of(false));
    }

    static LauncherSettings settings(Emulator emulator, Path dataDir, Path pluginsDir) {
        LauncherSettings defaults = LauncherSettings.load(Optional.empty());
        return new LauncherSettings(Optional.of(URI.create(emulator.baseUrl())), defaults.desktopMode(),
                defaults.lang(), dataDir, pluginsDir, defaults.sendLimits());
    }

    /** Types a line and presses Enter. */
    void type(String line) {
        keys(line + "\r");
    }

    /** Sends raw keys (e.g. {@code "\t"} for Tab). */
    void keys(String keys) {
        keyboard.add(keys.getBytes(StandardCharsets.UTF_8));
    }

    /** Where the screen is now; pass it to {@link #awaitOutputAfter} to look only at what comes later. */
    int mark() {
        return screen.text().length();
    }

    String output() {
        return screen.text();
    }

    String awaitOutput(String expected) {
        return awaitOutputAfter(0, expected);
    }

    /** Waits until {@code expected} is printed after {@code mark}; the output from the mark on. */
    String awaitOutputAfter(int mark, String expected) {
        return Await.value(() -> {
            String text = screen.text();
            String since = text.substring(Math.min(mark, text.length()));
            return since.contains(expected) ? Optional.of(since) : Optional.empty();
        }, () -> "the console printing '" + expected + "'; it printed:\n"
                + screen.text().substring(Math.min(mark, screen.text().length())), WAIT);
    }

    /** Types {@code quit}; the console must end with exit code 0. */
    void quit() throws Exception {
        type("quit");
        assertEquals(0, exit.get(WAIT.toSeconds(), TimeUnit.SECONDS));
    }

    int awaitExit() throws Exception {
        return exit.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        if (!exit.isDone()) {
            type("quit");
            try {
                exit.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                // Reported by the test that left it running.
            }
        }
        keyboard.close();
        terminal.close();
        awaitQuietDataDir();
    }

    /**
     * The core saves the session file on a virtual thread and may finish a save just after the session stopped;
     * wait until the data folder stops changing so JUnit can delete it (Session.stop may still be finishing a save).
     */
    private void awaitQuietDataDir() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        String last = "";
        while (System.nanoTime() < deadline) {
            String now;
            try (var entries = java.nio.file.Files.list(dataDir)) {
                now = entries.map(p -> p.getFileName() + ":" + p.toFile().lastModified() + ":" + p.toFile().length())
                        .sorted().toList().toString();
            }
            if (now.equals(last)) return;
            last = now;
            Thread.sleep(300);
        }
    }

    /** Keys waiting to be read; {@code read} blocks like a real keyboard until one is typed or it is closed. */
    private static final class Keyboard extends InputStream {
        private final BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
        private byte[] current = new byte[0];
        private int position;
        private volatile boolean closed;

        void add(byte[] bytes) {
            chunks.add(bytes);
        }

        @Override
        public int read() throws IOException {
            while (position >= current.length) {
                if (closed) return -1;
                try {
                    byte[] next = chunks.poll(100, TimeUnit.MILLISECONDS);
                    if (next != null) {
                        current = next;
                        position = 0;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException();
                }
            }
            return current[position++] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) return 0;
            int first = read();
            if (first < 0) return -1;
            buffer[offset] = (byte) first;
            int count = 1;
            while (count < length && position < current.length) buffer[offset + count++] = current[position++];
            return count;
        }

        @Override
        public int available() {
            return current.length - position;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Everything the console wrote, decoded as UTF-8. */
    private static final class Screen extends java.io.OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
