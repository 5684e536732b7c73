package dev.webwxbot.launcher;

import dev.webwxbot.safeoutput.OwnerOnly;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running daemon's local control channel: a Unix domain socket in the data folder, owner-only, one request
 * line per connection, answered and closed. Local and file-permission protected, so it needs no password and
 * opens no TCP port. One virtual thread accepts, one per connection answers. Closing removes the socket file.
 */
final class ControlServer implements AutoCloseable {

    static final String SOCKET_FILE = "control.sock";
    private static final Logger log = LoggerFactory.getLogger(ControlServer.class);
    private static final int MAX_REQUEST = 1024;

    private final ServerSocketChannel server;
    private final Path socket;
    private final Thread acceptor;

    private ControlServer(ServerSocketChannel server, Path socket, Function<String, String> handler) {
        this.server = server;
        this.socket = socket;
        this.acceptor = Thread.ofVirtual().name("control-accept").start(() -> accept(handler));
    }

    /**
     * Listens on {@code socket}. A leftover socket file of a daemon that died is replaced; one that still answers
     * means another daemon uses this data folder, which is refused.
     */
    static ControlServer start(Path socket, Function<String, String> handler) throws IOException {
        OwnerOnly.createDirectories(socket.toAbsolutePath().getParent());
        if (Files.exists(socket)) {
            if (answers(socket)) {
                throw new IllegalStateException("another webwx-bot is running with this data folder (" + socket + ")");
            }
            Files.delete(socket);
        }
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            bindOwnerOnly(server, socket);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        log.info("control channel listening on {}", socket);
        return new ControlServer(server, socket, handler);
    }

    /**
     * Binds inside a fresh owner-only folder, restricts the socket, then renames it into place: bound directly, it
     * would be reachable with the umask's permissions until the chmod.
     */
    private static void bindOwnerOnly(ServerSocketChannel server, Path socket) throws IOException {
        Path parent = socket.toAbsolutePath().getParent();
        Path privateDir = Files.createTempDirectory(parent, ".control-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path bound = privateDir.resolve("s");
        try {
            server.bind(UnixDomainSocketAddress.of(bound));
            Files.setPosixFilePermissions(bound, PosixFilePermissions.fromString("rw-------"));
            Files.move(bound, socket, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(bound);
            Files.deleteIfExists(privateDir);
        }
    }

    private static boolean answers(Path socket) {
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            return probe.isConnected();
        } catch (IOException e) {
            return false;
        }
    }

    private void accept(Function<String, String> handler) {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                Thread.ofVirtual().name("control-client").start(() -> serve(client, handler));
            } catch (IOException e) {
                if (server.isOpen()) log.warn("control channel: accept failed: {}", e.toString());
            }
        }
    }

    private static void serve(SocketChannel client, Function<String, String> handler) {
        try (client) {
            String request = readLine(Channels.newInputStream(client));
            String answer;
            try {
                answer = handler.apply(request);
            } catch (RuntimeException e) {
                log.error("control channel: '{}' failed", request, e); // cleaned by the log pattern (%safeMsg)
                answer = PluginControl.ERROR + e + "\n";
            }
            ByteBuffer bytes = ByteBuffer.wrap(answer.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) client.write(bytes);
        } catch (IOException e) {
            log.debug("control channel: client went away: {}", e.toString());
        }
    }

    /** One line of at most {@link #MAX_REQUEST} bytes; a longer one is cut (and so, most likely, unknown). */
    private static String readLine(InputStream in) throws IOException {
        byte[] buffer = new byte[MAX_REQUEST];
        int length = 0;
        int b;
        while (length < MAX_REQUEST && (b = in.read()) >= 0 && b != '\n') buffer[length++] = (byte) b;
        return new String(buffer, 0, length, StandardCharsets.UTF_8);
    }

    /** Sends one request to the daemon listening on {@code socket}; its whole answer. */
    static String request(Path socket, String line) throws IOException {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            ByteBuffer out = ByteBuffer.wrap((line.replace('\n', ' ') + "\n").getBytes(StandardCharsets.UTF_8));
            while (out.hasRemaining()) channel.write(out);
            return new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            log.debug("closing the control channel: {}", e.toString());
        }
        acceptor.interrupt();
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            log.debug("removing {}: {}", socket, e.toString());
        }
    }
}
