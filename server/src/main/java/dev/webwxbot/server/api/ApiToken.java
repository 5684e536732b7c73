package dev.webwxbot.server.api;

import dev.webwxbot.safeoutput.OwnerOnly;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The API's bearer token: the configured one, else the one in {@code DATA_DIR/api-token}, generated there (256
 * random bits, owner-only) on the first start. Compared in constant time. Never logged, never in an answer.
 */
final class ApiToken {

    static final String FILE = "api-token";
    private static final String BEARER = "Bearer ";

    private final byte[] expected;

    private ApiToken(String token) {
        this.expected = token.getBytes(StandardCharsets.UTF_8);
    }

    static ApiToken resolve(String configured, Path dataDir) throws IOException {
        if (!configured.isEmpty()) return new ApiToken(configured);
        Path file = dataDir.resolve(FILE);
        if (Files.isRegularFile(file)) {
            String saved = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!saved.isEmpty()) return new ApiToken(saved);
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = HexFormat.of().formatHex(random);
        OwnerOnly.createDirectories(dataDir);
        Path temp = file.resolveSibling("." + FILE + ".tmp");
        Files.deleteIfExists(temp);
        OwnerOnly.createFile(temp);
        Files.writeString(temp, token + "\n", StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new ApiToken(token);
    }

    /** Whether an {@code Authorization} header carries this token. */
    boolean accepts(Optional<String> authorization) {
        if (authorization.isEmpty() || !authorization.get().regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false; // tells nothing about the token
        }
        return matches(authorization.get().substring(BEARER.length()));
    }

    /** Whether {@code given} (as the console's sign-in form sends it) is this token. */
    boolean matches(String given) {
        return MessageDigest.isEqual(expected, given.strip().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "ApiToken[hidden]";
    }
}
