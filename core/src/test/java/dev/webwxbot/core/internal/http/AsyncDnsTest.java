package dev.webwxbot.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.core.internal.http.LocalHttpServer.Reply;
import dev.webwxbot.core.testing.LoopbackDnsServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Host names go through Netty's asynchronous DNS client, asking the configured servers. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AsyncDnsTest {

    private LoopbackDnsServer dns;
    private LocalHttpServer server;

    @BeforeEach
    void start() {
        dns = LoopbackDnsServer.start();
        server = LocalHttpServer.start(request -> Reply.ok("served for " + request.header("Host")));
    }

    @AfterEach
    void stop() {
        server.close();
        dns.close();
    }

    private HttpTransport transport(OriginResolver resolver) {
        return HttpTransport.builder().resolver(resolver).dnsServers(List.of(dns.address()))
                .dnsQueryTimeout(Duration.ofSeconds(3)).build();
    }

    @Test
    void aMadeUpWeChatHostIsResolvedByTheConfiguredServerAndReached() {
        dns.answer("wx8.qq.com", "127.0.0.1");
        try (HttpTransport transport = transport(OriginResolver.direct())) {
            URI uri = URI.create("http://wx8.qq.com:" + server.port() + "/cgi-bin/mmwebwx-bin/webwxinit");

            HttpResponse response = transport.execute(HttpRequest.get(uri), new CookieJar())
                    .orTimeout(20, TimeUnit.SECONDS).join();

            assertEquals("served for wx8.qq.com:" + server.port(), response.bodyText());
            assertTrue(dns.asked().contains("wx8.qq.com"), dns.asked().toString());
        }
    }

    @Test
    void theFixedServerOfDashDashServerMayBeAHostNameToo() {
        dns.answer("emulator.example.test", "127.0.0.1");
        URI server = URI.create("http://emulator.example.test:" + this.server.port());
        try (HttpTransport transport = transport(OriginResolver.fixed(server))) {
            HttpResponse response = transport.execute(HttpRequest.get(URI.create("https://webpush.wx2.qq.com/")),
                    new CookieJar()).orTimeout(20, TimeUnit.SECONDS).join();

            assertEquals("served for webpush.wx2.qq.com", response.bodyText());
            assertTrue(dns.asked().contains("emulator.example.test"), dns.asked().toString());
        }
    }

    @Test
    void aNameThatDoesNotExistFailsWithAConnectErrorThatSaysSo() {
        try (HttpTransport transport = transport(OriginResolver.direct())) {
            URI uri = URI.create("http://nosuch.wx.qq.com:" + server.port() + "/");

            CompletionException thrown = assertThrows(CompletionException.class, () -> transport
                    .execute(HttpRequest.get(uri), new CookieJar()).orTimeout(20, TimeUnit.SECONDS).join());

            TransportException failure = assertInstanceOf(TransportException.class, thrown.getCause());
            assertEquals(TransportException.Kind.CONNECT, failure.kind());
            assertTrue(failure.getMessage().contains("cannot resolve the host name nosuch.wx.qq.com"),
                    failure.getMessage());
            assertEquals(0, server.requests().size());
        }
    }
}
