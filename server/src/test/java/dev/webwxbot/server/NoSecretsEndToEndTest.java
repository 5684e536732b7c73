package dev.webwxbot.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.testsupport.Await;
import dev.webwxbot.testsupport.CapturedLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The live session's secrets (skey, wxsid, pass_ticket, the session cookies) appear in no answer of the HTTP API and
 * in no log line of the daemon, at any level, through a login, a received message, a send and its trace. The
 * secrets are read from the session file the daemon keeps (the one place they belong), then looked for everywhere
 * else.
 */
class NoSecretsEndToEndTest {

    @TempDir
    Path dir;

    private Emulator emulator;
    private BotServer server;
    private Level rootLevel;

    @AfterEach
    void stop() {
        if (server != null) server.close();
        if (emulator != null) emulator.close();
        if (rootLevel != null) root().setLevel(rootLevel);
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    @Test
    void noApiAnswerAndNoLogLineCarriesASessionSecret() throws Exception {
        rootLevel = root().getLevel();
        root().setLevel(Level.DEBUG); // every line the daemon writes, not only warnings; captured, so kept off the console
        CapturedLogs logs = CapturedLogs.attach();
        emulator = DaemonFixture.emulator();
        Account phone = emulator.addAccount("Bot");
        Contact alice = phone.addFriend("Alice");
        Path data = dir.resolve("data");
        server = new DaemonFixture(emulator, dir).start(data, "webwx-bot.log.message-text = true");
        ApiCalls api = ApiCalls.from(data);
        DaemonFixture.logIn(api, "default", phone);
        alice.sendText("hello daemon");
        assertEquals(200, api.post("/api/v1/accounts/default/messages", "{\"to\":\"Alice\",\"text\":\"hi\"}").statusCode());
        Await.until(() -> api.get("/api/v1/messages?account=default&q=hello").body().contains("hello daemon"),
                "the received message stored");

        Map<String, String> secrets = secrets(data.resolve("session.json"));
        List<String> answers = new ArrayList<>();
        for (String path : List.of("/api/v1/accounts", "/api/v1/accounts/default", "/api/v1/accounts/default/contacts",
                "/api/v1/accounts/default/contacts/Alice", "/api/v1/health", "/api/v1/traces", "/api/v1/messages?q=hello",
                "/api/v1/accounts/default/chats/Alice/messages", "/api/v1/plugins", "/api/v1/accounts/default/login-guard",
                "/metrics")) {
            answers.add(path + " " + api.get(path).body());
        }
        server.close();
        server = null;
        logs.close();
        String logged = logs.all();
        logs.atLeast(Level.WARN); // whatever warned is read here; what matters is that no line holds a secret
        assertTrue(logged.contains("hello daemon") || logged.lines().count() > 10, "the capture saw the daemon at work");
        secrets.forEach((what, value) -> {
            for (String answer : answers) {
                assertFalse(answer.contains(value), what + " in the API's answer to " + answer.substring(0, answer.indexOf(' ')));
            }
            assertFalse(logged.contains(value), what + " in a log line");
        });
    }

    private static final List<String> SECRET_COOKIES = List.of("wxsid", "wxuin", "webwx_data_ticket", "webwx_auth_ticket");

    /** The credentials and cookie values of the session file, by name; each long enough not to match by chance. */
    private static Map<String, String> secrets(Path sessionFile) throws Exception {
        Await.until(() -> Files.exists(sessionFile), "the session saved");
        JsonNode root = ApiCalls.JSON.readTree(Files.readString(sessionFile));
        Map<String, String> secrets = new LinkedHashMap<>();
        JsonNode credentials = root.get("credentials");
        for (String field : List.of("skey", "sid", "passTicket")) secrets.put(field, credentials.get(field).asText());
        for (JsonNode cookie : root.get("cookies")) {
            String name = cookie.get("name").asText();
            // The session cookies; not wxloadtime (a time stamp), mm_lang or webwxuvid (a device id).
            if (SECRET_COOKIES.contains(name)) secrets.put("cookie " + name, cookie.get("value").asText());
        }
        secrets.values().removeIf(value -> value.length() < 8); // too short to be found only where it was written
        assertTrue(secrets.keySet().containsAll(List.of("skey", "sid", "passTicket", "cookie wxsid",
                "cookie webwx_data_ticket")), secrets.keySet().toString());
        return secrets;
    }
}
