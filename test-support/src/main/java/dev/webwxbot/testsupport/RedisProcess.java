package dev.webwxbot.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A throw-away {@code redis-server} (Debian's package, which {@code ./webwx-bot test} installs) on a free loopback
 * port, nothing saved to disk, stopped by {@link #close}; tests that need a real Redis start one each, so that they
 * can also kill it. Where no {@code redis-server} can be found the test is skipped with a loud message on stderr,
 * unless {@code WEBWX_TEST_REQUIRE_REDIS=1} (set by the test script once it installed Redis), which fails it instead.
 *
 * <pre>{@code
 * try (RedisProcess redis = RedisProcess.start()) {
 *     URI uri = redis.uri();   // redis://127.0.0.1:PORT
 * }
 * }</pre>
 */
public final class RedisProcess implements AutoCloseable {

    private static final List<Path> CANDIDATES = List.of(Path.of("/usr/bin/redis-server"),
            Path.of("/usr/local/bin/redis-server"), Path.of("/usr/sbin/redis-server"));
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final int port;
    private final Path log;

    private RedisProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts a server, or skips (fails, when Redis is required) the calling test when none is installed. */
    public static RedisProcess start() throws IOException, InterruptedException {
        Path binary = CANDIDATES.stream().filter(Files::isExecutable).findFirst().orElse(null);
        if (binary == null) {
            String why = "no redis-server in " + CANDIDATES + " (./webwx-bot test installs Debian's redis-server)";
            if ("1".equals(System.getenv("WEBWX_TEST_REQUIRE_REDIS"))) throw new AssertionError(why);
            System.err.println("*** SKIPPED: " + why + " ***");
            Assumptions.abort(why);
        }
        Path dir = Files.createTempDirectory("webwx-test-redis");
        Path log = dir.resolve("redis.log");
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(binary.toString(), "--port", Integer.toString(port),
                    "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                    "--protected-mode", "yes", "--daemonize", "no"));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            RedisProcess redis = new RedisProcess(process, port, log);
            if (redis.awaitPong()) return redis;
            redis.close();
            last = new IOException("redis-server did not answer on port " + port + ": " + tail(log));
        }
        throw last;
    }

    /** {@code redis://127.0.0.1:PORT}. */
    public URI uri() {
        return URI.create("redis://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** Sends one inline command and returns the first line of the answer (e.g. {@code +PONG}, {@code :3}). */
    public String command(String... words) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder resp = new StringBuilder("*").append(words.length).append("\r\n");
            for (String word : words) {
                byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
                resp.append('$').append(bytes.length).append("\r\n").append(word).append("\r\n");
            }
            out.write(resp.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
                if (c != '\r') line.append((char) c);
            }
            return line.toString();
        }
    }

    private boolean awaitPong() throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if ("+PONG".equals(command("PING"))) return true;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(20); // polling a process that is starting; nothing else to wait on
        }
        return false;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return lines.isEmpty() ? "(no output)" : lines.getLast();
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** Kills the server (it keeps nothing) and removes its folder. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(log);
            Files.deleteIfExists(log.getParent());
        } catch (IOException ignored) {
            // a temporary folder; the OS cleans it eventually
        }
    }
}
