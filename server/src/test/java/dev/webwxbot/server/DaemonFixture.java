package dev.webwxbot.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Emulator;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
        Config config = ConfigFactory.parseString(extra).withFallback(ConfigFactory.parseString(FAST))
                .withFallback(ConfigFactory.defaultReference()).resolve();
        return BotServer.start(new ServerSettings(Optional.of(URI.create(emulator.baseUrl())), data,
                Files.createDirectories(dir.resolve("plugins"))), config, (account, progress) -> { });
    }

    /** Logs {@code id} in with {@code phone}: its QR URL read from the API, scanned and confirmed; waits for ONLINE. */
    public static void logIn(ApiCalls api, String id, Account phone) throws Exception {
        String qr = awaitField(api, id, "qrUrl");
        phone.phone().scan(qr.substring(qr.lastIndexOf('/') + 1));
        phone.phone().confirm();
        awaitState(api, id, "ONLINE");
    }

    public static String awaitField(ApiCalls api, String id, String field) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode account = api.json(api.get("/api/v1/accounts/" + id));
            if (account.hasNonNull(field)) return account.get(field).asText();
            Thread.sleep(50);
        }
        throw new AssertionError("account " + id + " never had " + field);
    }

    public static void awaitState(ApiCalls api, String id, String state) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = api.json(api.get("/api/v1/accounts/" + id)).get("state").asText();
            if (last.equals(state)) return;
            Thread.sleep(50);
        }
        throw new AssertionError("account " + id + " is " + last + ", not " + state);
    }

    /** A small PNG. */
    public static Path picture(Path file) throws Exception {
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 40; x++) image.setRGB(x, x % 30, 0xff8800);
        ImageIO.write(image, "png", file.toFile());
        return file;
    }
}
