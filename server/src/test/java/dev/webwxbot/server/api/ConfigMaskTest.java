package dev.webwxbot.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which values of a plugin's configuration the console and the API hide. */
class ConfigMaskTest {

    @Test
    void keysNamingASecretAreRecognisedWordByWord() {
        for (String key : List.of("token", "api-key", "api_key", "apiKey", "X-Api-Key", "Authorization", "password",
                "client-secret", "secrets", "session-cookie", "private-key", "api-key-env")) {
            assertTrue(ConfigMask.secretName(key), key);
        }
        for (String key : List.of("keyword", "keywords", "max-tokens", "monkey", "author", "passage", "reply")) {
            assertFalse(ConfigMask.secretName(key), key);
        }
    }

    @Test
    void secretsInsideListsAndBlocksAreMaskedAndTheirPathsListed() {
        ConfigMask.Masked masked = ConfigMask.of(ConfigFactory.parseString("""
                rules = [ { keyword = menu, http { url = "https://x", headers { Authorization = "Bearer abc" } } } ]
                llm { default { model = m, token = "t0k" } }
                secrets { a = 1, b = [2, 3] }
                nothing = null
                """));
        assertEquals(List.of("llm.default.token", "rules.0.http.headers.Authorization", "secrets"), masked.masked());
        String json = masked.config().toString();
        assertFalse(json.contains("abc") || json.contains("t0k"), json);
        assertEquals("menu", masked.config().at("/rules/0/keyword").asText());
        assertEquals(ConfigMask.MASK, masked.config().path("secrets").asText());
        assertTrue(masked.config().path("nothing").isNull(), json);
    }
}
