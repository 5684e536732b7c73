package dev.webwxbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.webwxbot.api.FailureReason;
import dev.webwxbot.api.Result;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.FileMessage;
import dev.webwxbot.core.testing.LoopbackDnsServer;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.MessageBody;
import dev.webwxbot.testsupport.CapturedLogs;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole client reaches the emulator through a host name that only a loopback DNS stub knows, resolved by
 * Netty's asynchronous resolver; when the name stops resolving, a download on a new connection fails as NETWORK
 * and the session is unharmed.
 */
class DnsEndToEndTest {

    @TempDir
    Path directory;

    @Test
    void theEmulatorIsReachedByAMadeUpHostNameAndALookupFailureIsANetworkFailure() throws Exception {
        try (LoopbackDnsServer dns = LoopbackDnsServer.start();
             Emulator emulator = Emulator.builder().port(0).loginPollHold(Duration.ofMillis(500))
                     .syncCheckHold(Duration.ofSeconds(1)).start()) {
            dns.answer("wx-emulator.test", "127.0.0.1");
            Account account = emulator.addAccount("Bot");
            Contact alice = account.addFriend("Alice");
            URI server = URI.create("http://wx-emulator.test:" + URI.create(emulator.baseUrl()).getPort());
            try (WebWxClient client = WebWxClient.builder().server(server).dnsServers(List.of(dns.address())).build()) {
                OnlineSession online = OnlineSession.logIn(client, account, SessionOptions.defaults());
                dev.webwxbot.api.Contact chat = online.bot().contacts().byUserName(alice.userName()).orElseThrow();
                assertTrue(online.bot().sendText(chat, "hello over DNS") instanceof SendReceipt.Sent);
                assertTrue(dns.asked().contains("wx-emulator.test"), dns.asked().toString());

                FileMessage file = online.next(FileMessage.class,
                        alice.send(MessageBody.file("minutes.txt", "the minutes".getBytes())));
                dns.forget("wx-emulator.test");
                // webwxgetmedia goes to the file host: a pool of its own, so a new connection and a new lookup.
                Result<Path> result;
                try (CapturedLogs logs = CapturedLogs.attach()) {
                    result = online.bot().download(file, directory);
                    List<String> warnings = logs.at(Level.WARN);
                    assertTrue(warnings.size() == 1 && warnings.getFirst().contains("failed (NETWORK)")
                            && warnings.getFirst().contains("cannot resolve the host name wx-emulator.test"),
                            warnings.toString());
                }

                Result.Failed<?> failed = assertInstanceOf(Result.Failed.class, result, result.toString());
                assertEquals(FailureReason.NETWORK, failed.reason());
                assertTrue(failed.detail().contains("cannot resolve the host name wx-emulator.test"), failed.detail());
                try (Stream<Path> left = Files.list(directory)) {
                    assertEquals(List.of(), left.toList());
                }
                dns.answer("wx-emulator.test", "127.0.0.1");
                assertInstanceOf(Result.Ok.class, online.bot().download(file, directory), "the session went on");
            }
        }
    }
}
