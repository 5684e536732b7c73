package dev.webwxbot.core.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webwxbot.core.internal.http.CookieJar;
import dev.webwxbot.core.internal.protocol.Credentials;
import dev.webwxbot.core.internal.protocol.Json;
import dev.webwxbot.core.internal.protocol.MalformedResponseException;
import dev.webwxbot.core.internal.protocol.SyncKey;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a snapshot as JSON in one file that only its owner may read (mode 600, in a 700 folder where the file
 * system allows), replaced atomically: a temporary file is written and fsynced, then renamed over the old one, so
 * a crash leaves the old snapshot or the new one, never half of each. Thread-safe.
 */
public final class FileSessionStore implements SessionStore {

    private static final Logger log = LoggerFactory.getLogger(FileSessionStore.class);
    private static final long MAX_FILE_BYTES = 4 * 1024 * 1024;

    private final Path file;
    private final ReentrantLock lock = new ReentrantLock();

    public FileSessionStore(Path file) {
        this.file = file.toAbsolutePath();
    }

    public Path file() {
        return file;
    }

    @Override
    public Optional<SessionSnapshot> load() {
        lock.lock();
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                log.warn("session file {} is larger than {} bytes; ignoring it", file, MAX_FILE_BYTES);
                return Optional.empty();
            }
            return fromJson(Json.parse(Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            log.warn("session file {} cannot be read ({}); starting with a fresh login", file, e.getMessage());
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void save(SessionSnapshot snapshot) {
        lock.lock();
        try {
            Path dir = file.getParent();
            createPrivateDirectory(dir);
            Path temp = dir.resolve(file.getFileName() + ".tmp");
            Files.deleteIfExists(temp);
            createPrivateFile(temp);
            try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(Json.write(toJson(snapshot))));
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("saving the session to {} failed ({}); the next start may need a scan", file, e.toString());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void clear() {
        lock.lock();
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("could not delete the session file {}: {}", file, e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) return;
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(dir);
        }
    }

    private static void createPrivateFile(Path path) throws IOException {
        try {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(path);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("temporary file " + path + " appeared while saving", e);
        }
    }

    static JsonNode toJson(SessionSnapshot snapshot) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("version", snapshot.version());
        root.put("apiHost", snapshot.apiHost());
        Credentials credentials = snapshot.credentials();
        root.putObject("credentials").put("skey", credentials.skey()).put("sid", credentials.sid())
                .put("uin", credentials.uin()).put("passTicket", credentials.passTicket());
        root.put("selfUserName", snapshot.selfUserName());
        root.set("syncKey", snapshot.syncKey().toJson());
        root.set("syncCheckKey", snapshot.syncCheckKey().toJson());
        ArrayNode cookies = root.putArray("cookies");
        for (CookieJar.StoredCookie cookie : snapshot.cookies()) {
            ObjectNode node = cookies.addObject().put("name", cookie.name()).put("value", cookie.value())
                    .put("domain", cookie.domain()).put("hostOnly", cookie.hostOnly()).put("path", cookie.path())
                    .put("secure", cookie.secure()).put("httpOnly", cookie.httpOnly())
                    .put("created", cookie.created().toString());
            if (cookie.expires() != null) node.put("expires", cookie.expires().toString());
        }
        ArrayNode ids = root.putArray("recentMsgIds");
        snapshot.recentMsgIds().forEach(ids::add);
        root.put("savedAt", snapshot.savedAt().toString());
        return root;
    }

    static Optional<SessionSnapshot> fromJson(JsonNode root) throws MalformedResponseException {
        if (Json.integer(root, "version", -1) != SessionSnapshot.CURRENT_VERSION) {
            log.info("session file has another layout version; starting with a fresh login");
            return Optional.empty();
        }
        JsonNode credentials = root.path("credentials");
        List<CookieJar.StoredCookie> cookies = new ArrayList<>();
        for (JsonNode node : root.path("cookies")) {
            String expires = Json.text(node, "expires");
            cookies.add(new CookieJar.StoredCookie(Json.text(node, "name"), Json.text(node, "value"),
                    Json.text(node, "domain"), node.path("hostOnly").asBoolean(), Json.text(node, "path"),
                    node.path("secure").asBoolean(), node.path("httpOnly").asBoolean(),
                    expires.isEmpty() ? null : Instant.parse(expires), Instant.parse(Json.text(node, "created"))));
        }
        List<String> ids = new ArrayList<>();
        root.path("recentMsgIds").forEach(id -> ids.add(id.asText()));
        String apiHost = Json.text(root, "apiHost");
        String self = Json.text(root, "selfUserName");
        if (apiHost.isEmpty() || self.isEmpty() || Json.text(credentials, "sid").isEmpty()) {
            throw new MalformedResponseException("session file lacks apiHost, selfUserName or credentials");
        }
        return Optional.of(new SessionSnapshot(SessionSnapshot.CURRENT_VERSION, apiHost,
                new Credentials(Json.text(credentials, "skey"), Json.text(credentials, "sid"),
                        Json.longValue(credentials, "uin", 0), Json.text(credentials, "passTicket")),
                self, SyncKey.fromJson(root.get("syncKey")), SyncKey.fromJson(root.get("syncCheckKey")),
                cookies, ids, Instant.parse(Json.text(root, "savedAt"))));
    }
}
