package dev.webwxbot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where {@code accounts} and {@code send} look for the daemon and its token, in which order. */
class ApiTargetTest {

    @TempDir
    Path dataDir;

    private final Optional<ApiTarget.Token> configured = Optional.of(new ApiTarget.Token("from-config", "the key"));

    @BeforeEach
    void announce() throws IOException {
        Files.writeString(dataDir.resolve("api.json"), "{\"url\":\"http://127.0.0.1:8788\"}");
        Files.writeString(dataDir.resolve("api-token"), "from-file\n");
    }

    @Test
    void theDataFolderGivesAddressAndToken() {
        ApiTarget target = ApiTarget.resolve(dataDir, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        assertEquals(URI.create("http://127.0.0.1:8788"), target.base());
        assertEquals("from-file", target.token().value());
        assertEquals(dataDir.resolve("api-token").toAbsolutePath().toString(), target.token().source());
    }

    @Test
    void theVariableComesBeforeTheConfigurationWhichComesBeforeTheFile() {
        assertEquals("from-variable", ApiTarget.resolve(dataDir, Optional.empty(), Optional.empty(),
                Optional.of("from-variable"), configured).token().value());
        assertEquals(ApiOptions.TOKEN_VARIABLE, ApiTarget.resolve(dataDir, Optional.empty(), Optional.empty(),
                Optional.of("from-variable"), configured).token().source());
        assertEquals("from-config", ApiTarget.resolve(dataDir, Optional.empty(), Optional.empty(),
                Optional.of(" "), configured).token().value());
        assertEquals("from-file", ApiTarget.resolve(dataDir, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(new ApiTarget.Token("", "empty: generated"))).token().value());
    }

    @Test
    void aTokenFileComesFirstAndAnAddressOptionNeedsNoAnnouncement() throws IOException {
        Files.delete(dataDir.resolve("api.json"));
        Path file = Files.writeString(dataDir.resolve("other"), "  from-option  \n");

        ApiTarget target = ApiTarget.resolve(dataDir, Optional.of(URI.create("http://10.0.0.2:9000")), Optional.of(file),
                Optional.of("from-variable"), configured);

        assertEquals(URI.create("http://10.0.0.2:9000"), target.base());
        assertEquals("from-option", target.token().value());
    }

    @Test
    void theTokenIsNeverInTheDescription() {
        ApiTarget target = ApiTarget.resolve(dataDir, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        assertFalse(target.toString().contains("from-file"), target.toString());
        assertFalse(target.token().toString().contains("from-file"), target.token().toString());
    }

    @Test
    void aMissingTokenFileSaysWhereItWasLookedFor() throws IOException {
        Files.delete(dataDir.resolve("api-token"));

        ApiFailure failure = assertThrows(ApiFailure.class, () -> ApiTarget.resolve(dataDir, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()));

        assertTrue(failure.getMessage().startsWith("no API token: " + dataDir.resolve("api-token").toAbsolutePath()),
                failure.getMessage());
    }

    @Test
    void aBrokenAddressFileIsReported() throws IOException {
        Files.writeString(dataDir.resolve("api.json"), "{\"port\":8788}");

        ApiFailure failure = assertThrows(ApiFailure.class, () -> ApiTarget.resolve(dataDir, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()));

        assertTrue(failure.getMessage().contains("holds no usable url"), failure.getMessage());
    }
}
