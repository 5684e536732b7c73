package dev.webwxbot.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a running daemon serves its HTTP API and the bearer token it accepts. Immutable.
 *
 * @param base the API's root, e.g. {@code http://127.0.0.1:8788}
 * @param token the token, never printed
 * @param dataDir the data folder the daemon was looked for in, for messages
 */
record ApiTarget(URI base, Token token, Path dataDir) {

    /** The file the daemon writes its address into while it serves the API: {@code {"url":"http://..."}}. */
    static final String ADDRESS_FILE = "api.json";
    /** The file the daemon generates the token into when {@code webwx-bot.api.token} is empty. */
    static final String TOKEN_FILE = "api-token";

    /**
     * A bearer token and where it came from.
     *
     * @param value the secret; {@link #toString()} leaves it out
     * @param source a file, a variable or a configuration key, for "the token in ... was refused"
     */
    record Token(String value, String source) {
        @Override
        public String toString() {
            return "Token[" + source + "]";
        }
    }

    @Override
    public String toString() {
        return "ApiTarget[" + base + ", " + token + "]";
    }

    /**
     * Resolves the address ({@code api}, else {@code DATA_DIR/api.json}) and the token ({@code tokenFile}, else the
     * {@code variable}'s value, else the configured one when not empty, else {@code DATA_DIR/api-token}).
     *
     * @throws ApiFailure when no daemon announced itself or no token can be read
     */
    static ApiTarget resolve(Path dataDir, Optional<URI> api, Optional<Path> tokenFile, Optional<String> variable,
                             Optional<Token> configured) {
        URI base = api.orElseGet(() -> announced(dataDir));
        Token token;
        if (tokenFile.isPresent()) {
            token = read(tokenFile.get());
        } else if (variable.filter(value -> !value.isBlank()).isPresent()) {
            token = new Token(variable.get().strip(), ApiOptions.TOKEN_VARIABLE);
        } else if (configured.filter(t -> !t.value().isBlank()).isPresent()) {
            token = configured.get();
        } else {
            token = read(dataDir.resolve(TOKEN_FILE));
        }
        return new ApiTarget(base, token, dataDir);
    }

    /** What to say when nothing answers for {@code dataDir}. */
    static String noDaemon(Path dataDir) {
        return "no daemon is serving the API for " + dataDir.toAbsolutePath()
                + " (start it with webwx-bot run and api.enabled = true)";
    }

    private static URI announced(Path dataDir) {
        Path file = dataDir.resolve(ADDRESS_FILE);
        JsonNode address;
        try {
            address = new ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new ApiFailure(noDaemon(dataDir));
        } catch (IOException e) {
            throw new ApiFailure("cannot read " + file.toAbsolutePath() + ": " + e.getMessage());
        }
        String url = address == null ? "" : address.path("url").asText("");
        try {
            return LauncherSettings.parseServer(url);
        } catch (IllegalArgumentException e) {
            throw new ApiFailure(file.toAbsolutePath() + " holds no usable url: " + e.getMessage());
        }
    }

    private static Token read(Path file) {
        String value;
        try {
            value = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            throw new ApiFailure("no API token: " + file.toAbsolutePath() + " does not exist (the daemon writes it"
                    + " when webwx-bot.api.token is empty; or give --token-file FILE or " + ApiOptions.TOKEN_VARIABLE + ")");
        } catch (IOException e) {
            throw new ApiFailure("cannot read the API token from " + file.toAbsolutePath() + ": " + e.getMessage());
        }
        if (value.isEmpty()) throw new ApiFailure("no API token: " + file.toAbsolutePath() + " is empty");
        return new Token(value, file.toAbsolutePath().toString());
    }
}
