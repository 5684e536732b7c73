package dev.webwxbot.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.webwxbot.core.internal.http.LocalHttpServer.Reply;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** HTTPS against a local server whose self-signed certificate names none of the Web WeChat hosts. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
@SuppressWarnings("deprecation") // SelfSignedCertificate: its replacement (netty-pkitesting) is not a dependency here
class HttpsTransportTest {

    private static SelfSignedCertificate certificate;
    private static LocalHttpServer server;

    @BeforeAll
    static void startServer() throws Exception {
        certificate = new SelfSignedCertificate("emulator.local");
        SslContext serverContext = SslContextBuilder.forServer(certificate.key(), certificate.cert()).build();
        server = LocalHttpServer.startTls(serverContext, request -> Reply.ok("secure " + request.header("Host")));
    }

    @AfterAll
    static void stopServer() {
        server.close();
        certificate.delete();
    }

    @Test
    void trustedSelfSignedCertificateCarriesRequestsForAnyLogicalHost() {
        try (HttpTransport transport = HttpTransport.builder()
                .resolver(OriginResolver.fixed(server.uri()))
                .trustedCertificates(List.of(certificate.cert()))
                .build()) {
            CookieJar cookies = new CookieJar();
            HttpResponse response = transport.execute(HttpRequest.get(URI.create("https://wx2.qq.com/")), cookies)
                    .orTimeout(10, TimeUnit.SECONDS).join();

            assertEquals("secure wx2.qq.com", response.bodyText());
        }
    }

    /**
     * Repeated because it once raced: the pool hands out a TLS connection when TCP connects, and a handshake that
     * failed before the request was written surfaced as CLOSED. The exchange now waits for the handshake.
     */
    @RepeatedTest(30)
    void certificateOutsideTheJdkTrustStoreFailsWithTls() {
        try (HttpTransport transport = HttpTransport.builder().resolver(OriginResolver.fixed(server.uri())).build()) {
            CompletionException thrown = assertThrows(CompletionException.class, () -> transport
                    .execute(HttpRequest.get(URI.create("https://wx2.qq.com/")), new CookieJar())
                    .orTimeout(10, TimeUnit.SECONDS).join());

            assertEquals(TransportException.Kind.TLS,
                    assertInstanceOf(TransportException.class, thrown.getCause()).kind());
        }
    }
}
