package dev.webwxbot.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.webwxbot.core.internal.http.LocalHttpServer.Reply;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ExchangeLoggingTest {

    private final Logger packageLogger = (Logger) LoggerFactory.getLogger("dev.webwxbot.core.internal.http");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Level previousLevel;

    @BeforeEach
    void captureLogs() {
        previousLevel = packageLogger.getLevel();
        packageLogger.setLevel(Level.DEBUG);
        appender.start();
        packageLogger.addAppender(appender);
    }

    @AfterEach
    void restoreLogs() {
        packageLogger.detachAppender(appender);
        packageLogger.setLevel(previousLevel);
    }

    @Test
    void exchangesAreLoggedAtDebugWithoutSecretsOrCookies() {
        try (LocalHttpServer server = LocalHttpServer.start(request -> request.uri().contains("slow")
                ? Reply.ok("late").withDelay(Duration.ofSeconds(2))
                : Reply.ok("{}").withHeader("Set-Cookie", "wxsid=SETCOOKIESECRET; Domain=wx.qq.com; Path=/"));
             HttpTransport transport = HttpTransport.builder().resolver(OriginResolver.fixed(server.uri())).build()) {
            CookieJar cookies = new CookieJar();
            cookies.put(new CookieJar.StoredCookie("wxuin", "COOKIESECRET", "wx.qq.com", false, "/", false, false,
                    null, Instant.now()));
            URI uri = URI.create("https://wx.qq.com/cgi-bin/mmwebwx-bin/webwxinit?skey=%40crypt_SKEYSECRET"
                    + "&pass_ticket=TICKETSECRET&r=1");

            transport.execute(HttpRequest.get(uri), cookies).orTimeout(10, TimeUnit.SECONDS).join();
            URI slow = URI.create("https://wx.qq.com/slow?sid=SIDSECRET");
            try {
                transport.execute(HttpRequest.get(slow).withReadTimeout(Duration.ofMillis(100)), cookies)
                        .orTimeout(10, TimeUnit.SECONDS).join();
            } catch (CompletionException expected) {
                // the failure is logged too
            }
        }

        List<String> messages = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertTrue(messages.stream().anyMatch(message -> message.matches(
                "GET https://wx\\.qq\\.com/cgi-bin/mmwebwx-bin/webwxinit\\?skey=\\*\\*\\*&pass_ticket=\\*\\*\\*&r=1"
                        + " → 200 \\(2 B, \\d+ ms\\)")), messages.toString());
        assertTrue(messages.stream().anyMatch(message -> message.startsWith(
                "GET https://wx.qq.com/slow?sid=*** → TIMEOUT: no response within the read timeout of 100 ms")), messages.toString());
        for (String secret : List.of("SKEYSECRET", "TICKETSECRET", "SIDSECRET", "COOKIESECRET", "SETCOOKIESECRET")) {
            assertFalse(messages.stream().anyMatch(message -> message.contains(secret)), secret + " was logged");
        }
    }
}
