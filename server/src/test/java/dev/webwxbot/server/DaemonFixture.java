package dev.webwxbot.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.testsupport.Await;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * Daemons on an emulator, for end-to-end tests: fast send limits and timeouts, the API on a free port, the login
 * driven as an operator would (the QR URL read from the API, scanned by the account's phone).
 */
public final class DaemonFixture {

    static final String FAST = """
            webwx-bot {
              send {
                global-per-minute = 1000000, global-burst = 10000
                per-chat-per-minute = 1000000, per-chat-burst = 10000
                min-gap = 0s, max-gap = 0s
              }
              # Tests write faster than people: the loop breaker and the send ceilings would pause their chats.
              safety.loops { enabled = false, account-ceiling = 0 }
              # The owner's file-helper alerts would be one more sent message for tests that read what was sent;
              # the alerts' own tests turn them on.
              safety.alerts.file-helper.enabled = false
              timeouts { login-poll = 5s, sync-check = 5s, call = 10s }
              drain-time = 2s
              api { enabled = true, port = 0 }
            }
            """;

    private final Emulator emulator;
    private final Path dir;

    public DaemonFixture(Emulator emulator, Path dir) {
        this.emulator = emulator;
        this.dir = dir;
    }

    /** An emulator with the short holds every end-to-end test uses. */
    public static Emulator emulator() {
        return Emulator.builder().port(0).loginPollHold(Duration.ofMillis(500)).syncCheckHold(Duration.ofSeconds(1)).start();
    }

    /** Starts a daemon on the emulator with the fast settings plus {@code extra} (HOCON), data in {@code data}. */
    public BotServer start(Path data, String extra) throws Exception {
        return BotServer.start(settings(data, DaemonRole.BOTH), config(extra), (account, progress) -> { });
    }

    /** As {@link #start(Path, String)}, in a cluster's {@code role}. */
    public BotServer start(Path data, String extra, DaemonRole role) throws Exception {
        return BotServer.start(settings(data, role), config(extra), (account, progress) -> { });
    }

    /** As {@link #start(Path, String)}, with the clock the safety behaviours go by. */
    public BotServer start(Path data, String extra, java.time.Clock clock) throws Exception {
        return BotServer.start(settings(data, DaemonRole.BOTH), config(extra), (account, progress) -> { }, clock);
    }

    private static Config config(String extra) {
        return ConfigFactory.parseString(extra).withFallback(ConfigFactory.parseString(FAST))
                .withFallback(ConfigFactory.defaultReference()).resolve();
    }

    private ServerSettings settings(Path data, DaemonRole role) throws java.io.IOException {
        return new ServerSettings(Optional.of(URI.create(emulator.baseUrl())), data,
                Files.createDirectories(dir.resolve("plugins")), Optional.empty(), role);
    }

    /** {@code count} phones of the emulator, "Bot1" to "BotN", each with its own friend "Friend1" to "FriendN". */
    public static Map<Account, Contact> phonesWithFriends(Emulator emulator, int count) {
        Map<Account, Contact> friendOf = new LinkedHashMap<>();
        for (int i = 1; i <= count; i++) {
            Account phone = emulator.addAccount("Bot" + i);
            friendOf.put(phone, phone.addFriend("Friend" + i));
        }
        return friendOf;
    }

    /** Logs {@code id} in with {@code phone}: its QR URL read from the API, scanned and confirmed; waits for ONLINE. */
    public static void logIn(ApiCalls api, String id, Account phone) throws Exception {
        String qr = awaitField(api, id, "qrUrl");
        phone.phone().scan(qr.substring(qr.lastIndexOf('/') + 1));
        phone.phone().confirm();
        awaitState(api, id, "ONLINE");
    }

    public static String awaitField(ApiCalls api, String id, String field) {
        return Await.value(() -> {
            JsonNode account = api.json(api.get("/api/v1/accounts/" + id));
            return account.hasNonNull(field) ? Optional.of(account.get(field).asText()) : Optional.empty();
        }, "account " + id + " having " + field, Duration.ofSeconds(20));
    }

    public static void awaitState(ApiCalls api, String id, String state) {
        String[] last = {""};
        Await.until(() -> {
            last[0] = api.json(api.get("/api/v1/accounts/" + id)).get("state").asText();
            return last[0].equals(state);
        }, () -> "account " + id + " " + state + ", still " + last[0], Duration.ofSeconds(20));
    }

    /** A small PNG. */
    public static Path picture(Path file) throws Exception {
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 40; x++) image.setRGB(x, x % 30, 0xff8800);
        ImageIO.write(image, "png", file.toFile());
        return file;
    }
}
