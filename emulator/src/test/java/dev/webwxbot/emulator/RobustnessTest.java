package dev.webwxbot.emulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input never crashes the server: malformed requests, oversized bodies, unknown hosts and paths. */
class RobustnessTest {
    private Emulator emulator;
    private WireClient client;

    @BeforeEach
    void start() {
        emulator = Emulator.builder().loginPollHold(Duration.ofSeconds(1)).syncCheckHold(Duration.ofSeconds(1))
                .maxRequestBodyBytes(64 * 1024).start();
        client = new WireClient(emulator);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", emulator.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void malformedRequestLineAnswers400AndTheServerKeepsServing() throws IOException {
        String answer = raw("THIS IS NOT HTTP\r\n\r\n");
        assertTrue(answer.isEmpty() || answer.startsWith("HTTP/1.1 400"), answer);
        assertTrue(client.get("login.wx.qq.com", "/jslogin?appid=wx782c26e4c19acffb").text().startsWith("window.QRLogin.code = 200;"));
    }

    @Test
    void oversizedBodyAnswers413() {
        String body = "{\"x\":\"" + "a".repeat(100 * 1024) + "\"}";
        assertEquals(413, client.post("wx.qq.com", "/cgi-bin/mmwebwx-bin/webwxinit", body).status());
        assertEquals(200, client.get("login.wx.qq.com", "/jslogin").status());
    }

    @Test
    void http10RequestWithoutHostHeaderIsRoutedByPathAndTheConnectionCloses() throws IOException {
        // No Host is no WeChat host: served as a loopback client, by path.
        String answer = raw("GET /jslogin HTTP/1.0\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 200") && answer.contains("window.QRLogin.code = 200;"), answer);
        assertTrue(answer.contains("connection: close") || answer.contains("Connection: close"), answer);
    }

    @Test
    void absoluteFormRequestsAreRoutedByTheirAuthorityAsAProxyWould() throws IOException {
        String answer = raw("GET http://login.wx.qq.com/jslogin?appid=wx782c26e4c19acffb HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 200") && answer.contains("window.QRLogin.code = 200;"), answer);
    }

    @Test
    void keepAliveServesSeveralRequestsOnOneConnection() throws IOException {
        String request = "GET /jslogin?appid=wx782c26e4c19acffb HTTP/1.1\r\nHost: login.wx.qq.com\r\n\r\n";
        String last = "GET /jslogin HTTP/1.1\r\nHost: login.wx.qq.com\r\nConnection: close\r\n\r\n";
        String answer = raw(request + last);
        assertEquals(2, answer.split("window.QRLogin.code = 200;", -1).length - 1, answer);
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderEvenBehindAHeldPoll() throws IOException {
        String uuid = WebLogin.jslogin(client, "login.wx.qq.com", "");
        String poll = "GET /cgi-bin/mmwebwx-bin/login?loginicon=true&uuid=" + uuid + "&tip=1 HTTP/1.1\r\nHost: login.wx.qq.com\r\n\r\n";
        String jslogin = "GET /jslogin?appid=wx782c26e4c19acffb HTTP/1.1\r\nHost: login.wx.qq.com\r\nConnection: close\r\n\r\n";
        String answer = raw(poll + jslogin);
        int held = answer.indexOf("window.code=408;");
        int quick = answer.indexOf("window.QRLogin.code = 200;");
        assertTrue(held >= 0 && quick > held, answer);
    }

    @Test
    void deeplyNestedOrHugeJsonIsRejectedAsUnparsable() {
        String nested = "[".repeat(5_000) + "]".repeat(5_000);
        assertEquals(1200, client.post("wx.qq.com", "/cgi-bin/mmwebwx-bin/webwxsync", nested).json()
                .path("BaseResponse").path("Ret").asInt());
        String deepObject = "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000);
        assertEquals(1200, client.post("wx.qq.com", "/cgi-bin/mmwebwx-bin/webwxinit", deepObject).json()
                .path("BaseResponse").path("Ret").asInt());
    }

    @Test
    void garbageQueryValuesAreHarmless() throws IOException {
        String answer = raw("GET /cgi-bin/mmwebwx-bin/login?uuid=%ZZ%&tip=%&%%=\u00ff HTTP/1.1\r\nHost: login.wx.qq.com\r\n"
                + "Connection: close\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 200") && answer.endsWith("window.code=400;"), answer);
        assertEquals("window.synccheck={retcode:\"1102\",selector:\"0\"}",
                client.get("webpush.wx.qq.com", "/cgi-bin/mmwebwx-bin/synccheck?sid=%E4&uin=x&synckey=%7C%7C").text());
        assertEquals(0, client.get("wx.qq.com", "/cgi-bin/mmwebwx-bin/webwxgetcontact?seq=notanumber").json()
                .path("MemberCount").asInt());
    }
}
