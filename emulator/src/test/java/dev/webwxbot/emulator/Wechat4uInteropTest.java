package dev.webwxbot.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * wechat4u, the Node.js Web WeChat client, unchanged from npm, logs in to the emulator, receives a text and replies.
 * Every request it makes is rewritten to the emulator's one origin with path and query untouched
 * (interop/wechat4u/loopback.js), as any client can be pointed at a local server: no WeChat host name reaches the
 * emulator, which serves it as a loopback client. Over plain HTTP (the emulator's default) and over TLS (the
 * generated CA trusted through {@code NODE_EXTRA_CA_CERTS}). Skipped when {@code node} or {@code npm} is not installed,
 * unless {@code WEBWX_TEST_REQUIRE_NODE=1}: {@code ./webwx-bot test} (and so CI) installs them from Debian where it
 * can and then sets it, so a CI run without them fails instead of passing with this test quietly skipped.
 */
class Wechat4uInteropTest {
    private static final Path SOURCES = Path.of("interop/wechat4u");
    private static final Path WORK = Path.of("target/wechat4u-interop");
    private static final Duration STEP = Duration.ofSeconds(60);
    private static final String REQUIRE_NODE = "WEBWX_TEST_REQUIRE_NODE";

    @ParameterizedTest(name = "https={0}")
    @ValueSource(booleans = {false, true})
    void wechat4uLogsInReceivesATextAndRepliesThroughPlainLoopbackRewriting(boolean https) throws Exception {
        boolean nodeRuns = runs("node", "--version") && runs("npm", "--version");
        if (!nodeRuns && "1".equals(System.getenv(REQUIRE_NODE))) {
            fail(REQUIRE_NODE + "=1 (set by './webwx-bot test' once it found or installed node and npm), but node or "
                    + "npm does not run here: the wechat4u interop test cannot be skipped");
        }
        assumeTrue(nodeRuns, "node and npm are not installed: the wechat4u interop test is skipped ('./webwx-bot "
                + "test' installs them where it can and then requires them)");
        installWechat4u();
        try (Emulator emulator = Emulator.builder().port(0).https(https).loginPollHold(Duration.ofSeconds(2))
                .syncCheckHold(Duration.ofSeconds(2)).start()) {
            Account account = emulator.addAccount("wechat4u-bot");
            Contact alice = account.addFriend("Alice");

            List<String> output = new CopyOnWriteArrayList<>();
            ProcessBuilder builder = new ProcessBuilder("node", "--require", "./loopback.js", "bot.js")
                    .directory(WORK.toFile()).redirectErrorStream(true);
            builder.environment().put("WECHAT_EMULATOR_URL", emulator.baseUrl());
            if (https) {
                Path ca = WORK.resolve("emulator-ca.pem");
                Files.writeString(ca, emulator.caCertificatePem().orElseThrow(), StandardCharsets.US_ASCII);
                builder.environment().put("NODE_EXTRA_CA_CERTS", ca.toAbsolutePath().toString());
            }
            builder.environment().remove("DEBUG");
            Process node = builder.start();
            Thread reader = Thread.startVirtualThread(() -> collect(node, output));
            try {
                String uuid = emulator.awaitQrUuid(STEP);
                account.phone().scan(uuid);
                account.phone().confirm();
                account.awaitOnline(STEP);
                alice.sendText("hello from Alice");
                SentMessage reply = account.awaitSentMessage(STEP);
                // wechat4u's own keep-alive: a "心跳：<time>" text to filehelper after login and then periodically.
                while (reply.toUserName().equals("filehelper")) {
                    reply = account.awaitSentMessage(STEP);
                }
                assertEquals("echo: hello from Alice", reply.content(), String.join("\n", output));
                assertEquals(alice.userName(), reply.toUserName());
                assertEquals(1, reply.type());
                // wechat4u asks for webwxnewloginpage without version=v2 but with the UOS headers, and reads only
                // the 301 the emulator keeps for desktop clients (PROTOCOL.md 2.5, 2.6).
                RecordedRequest loginPage = emulator.recordedRequests().stream()
                        .filter(r -> r.path().endsWith("/webwxnewloginpage")).findFirst().orElseThrow();
                assertNull(loginPage.queryParam("version"));
                // No hook kept a WeChat host name: every request named the emulator's own address.
                List<String> hosts = emulator.recordedRequests().stream().map(RecordedRequest::host).distinct().toList();
                assertEquals(List.of("127.0.0.1"), hosts);
                assertTrue(emulator.recordedRequests().stream().anyMatch(r -> r.path().endsWith("/synccheck")),
                        "synccheck routed by its path");
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError("wechat4u output:\n" + String.join("\n", output), e);
            } finally {
                node.descendants().forEach(ProcessHandle::destroy);
                node.destroy();
                if (!node.waitFor(10, TimeUnit.SECONDS)) {
                    node.destroyForcibly();
                }
                reader.join(Duration.ofSeconds(5));
            }
        }
    }

    /** {@code npm ci} into target/, skipped when the same lock file was installed before (reruns stay fast). */
    private static void installWechat4u() throws IOException, InterruptedException {
        Files.createDirectories(WORK);
        for (String file : List.of("package.json", "package-lock.json", "loopback.js", "bot.js")) {
            Files.copy(SOURCES.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Path marker = WORK.resolve("node_modules/.installed-lock.json");
        String lock = Files.readString(SOURCES.resolve("package-lock.json"));
        if (Files.exists(marker) && Files.readString(marker).equals(lock)
                && Files.exists(WORK.resolve("node_modules/wechat4u/package.json"))) {
            return;
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--prefer-offline")
                .directory(WORK.toFile()).redirectErrorStream(true).start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = Thread.startVirtualThread(() -> collect(npm, output));
        if (!npm.waitFor(5, TimeUnit.MINUTES)) {
            npm.destroyForcibly();
            throw new AssertionError("npm ci did not finish within 5 minutes:\n" + String.join("\n", output));
        }
        reader.join(Duration.ofSeconds(5));
        if (npm.exitValue() != 0) {
            throw new AssertionError("npm ci failed:\n" + String.join("\n", output));
        }
        Files.writeString(marker, lock);
    }

    private static void collect(Process process, List<String> lines) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("(reading output failed: " + e + ")");
        }
    }

    private static boolean runs(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
