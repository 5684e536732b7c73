package dev.webwxbot.emulator;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.DecodeHintType;
import com.google.zxing.qrcode.QRCodeReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.webwxbot.emulator.WebLogin.CGI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** jslogin, the QR code and the login long poll, against PROTOCOL.md 2.2–2.4 and the qjesus captures. */
class LoginConformanceTest {
    private static final Duration HOLD = Duration.ofSeconds(1);
    /** Longer than any test runs: a poll held this long is answered only by what the test does. */
    private static final Duration LONG_HOLD = Duration.ofMinutes(10);
    /** Patience for what happens at once; only a failing test waits this long. */
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Instant START = Instant.parse("2024-05-01T08:00:00Z");
    private static final Pattern UUID = Pattern.compile("[A-Za-z0-9]{10}==");
    private static final Pattern AVATAR = Pattern.compile("window\\.code=201;window\\.userAvatar = 'data:img/jpg;base64,([A-Za-z0-9+/=]+)';");
    private static final Pattern CONFIRMED = Pattern.compile(
            "window\\.code=200;\nwindow\\.redirect_uri=\"https://wx\\.qq\\.com/cgi-bin/mmwebwx-bin/webwxnewloginpage"
                    + "\\?ticket=A[A-Za-z0-9_-]{23}@qrticket_0&uuid=([A-Za-z0-9]{10}==)&lang=zh_CN&scan=(\\d{10})\";");

    private final ManualClock clock = ManualClock.startingAt(START);
    private Emulator emulator;
    private WireClient client;
    private Account bot;

    @BeforeEach
    void start() {
        emulator = Emulator.builder().port(0).loginPollHold(HOLD).syncCheckHold(HOLD).clock(clock).start();
        client = new WireClient(emulator);
        bot = emulator.addAccount("Bot");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void jsloginAnswersTheExactAssignmentGrammarAsJavascript() {
        WireClient.Response response = client.get("login.wx.qq.com", "/jslogin?appid=wx782c26e4c19acffb"
                + "&redirect_uri=https%3A%2F%2Fwx.qq.com%2Fcgi-bin%2Fmmwebwx-bin%2Fwebwxnewloginpage&fun=new&lang=zh_CN&_=1546211298739");
        assertEquals(200, response.status());
        assertEquals("text/javascript", response.contentType());
        Matcher matcher = WebLogin.QR_LOGIN.matcher(response.text());
        assertTrue(matcher.matches(), response.text());
        assertEquals("200", matcher.group(1));
        assertTrue(UUID.matcher(matcher.group(2)).matches(), matcher.group(2));
    }

    @Test
    void jsloginAcceptsPostOnAnyLoginHostAndIssuesFreshUuids() {
        WireClient.Response first = client.post("login.weixin.qq.com", "/jslogin?appid=wx782c26e4c19acffb&fun=new&lang=zh-CN&_=1", "");
        WireClient.Response second = client.post("login.web2.wechat.com", "/jslogin?appid=wx782c26e4c19acffb&fun=new&lang=zh_CN&_=2", "");
        Matcher a = WebLogin.QR_LOGIN.matcher(first.text());
        Matcher b = WebLogin.QR_LOGIN.matcher(second.text());
        assertTrue(a.matches() && b.matches(), first.text() + " / " + second.text());
        assertNotEquals(a.group(2), b.group(2));
        assertEquals(b.group(2), emulator.awaitQrUuid(Duration.ofSeconds(1)));
    }

    @Test
    void qrcodeIsAJpegEncodingTheLoginPageUrl() throws Exception {
        String uuid = WebLogin.jslogin(client, "login.wx.qq.com", "");
        WireClient.Response response = client.get("login.weixin.qq.com", "/qrcode/" + uuid + "?t=webwx&_=1");
        assertEquals(200, response.status());
        assertEquals("image/jpeg", response.contentType());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(response.body()));
        assertNotNull(image, "not a decodable image");
        assertEquals("https://login.weixin.qq.com/l/" + uuid, decodeQr(image));
        assertEquals(200, client.get("login.weixin.qq.com", "/l/" + uuid).status());
    }

    /**
     * Reads a computer-made QR picture. Without {@code PURE_BARCODE} ZXing's detector hunts for finder patterns as
     * in a photo, and for about 1 uuid in 1,000 the data modules form a false one (NotFound or Checksum errors on
     * the flawless matrix itself, whatever the JPEG quality or quiet zone); the pure reader samples the grid.
     */
    static String decodeQr(BufferedImage image) throws Exception {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
        return new QRCodeReader().decode(bitmap, java.util.Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
    }

    @Test
    void loginPollIsHeldThenAnswers408() {
        String uuid = WebLogin.jslogin(client, "login.wx.qq.com", "");
        long started = System.nanoTime();
        WireClient.Response response = WebLogin.poll(client, uuid);
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        assertEquals("window.code=408;", response.text());
        assertEquals("text/javascript", response.contentType());
        assertTrue(elapsedMillis >= 900, "answered after " + elapsedMillis + " ms, before the hold");
    }

    @Test
    void aScanAnswersTheHeldPollWith201AndAvatarOnlyOnce() throws Exception {
        try (Emulator patient = Emulator.builder().loginPollHold(LONG_HOLD).start()) {
            WireClient patientClient = new WireClient(patient);
            Account account = patient.addAccount("Bot");
            String uuid = WebLogin.jslogin(patientClient, "login.wx.qq.com", "");
            CompletableFuture<WireClient.Response> held = pollInTheBackground(patientClient, uuid);
            patient.awaitHeldLoginPoll(uuid, WAIT);

            account.phone().scan(uuid);

            // The hold outlasts the test: only the scan can have answered it.
            WireClient.Response scanned = held.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            Matcher avatar = AVATAR.matcher(scanned.text());
            assertTrue(avatar.matches(), scanned.text());
            byte[] jpeg = Base64.getDecoder().decode(avatar.group(1));
            assertNotNull(ImageIO.read(new ByteArrayInputStream(jpeg)));
            // 201 is sent once: the next poll is held again, until the confirmation answers it.
            CompletableFuture<WireClient.Response> next = pollInTheBackground(patientClient, uuid);
            patient.awaitHeldLoginPoll(uuid, WAIT);
            account.phone().confirm();
            assertTrue(next.get(WAIT.toSeconds(), TimeUnit.SECONDS).text().startsWith("window.code=200;"));
        }
    }

    @Test
    void scanWithoutLoginiconAnswers201WithoutAvatar() {
        String uuid = WebLogin.jslogin(client, "login.wx.qq.com", "");
        bot.phone().scan(uuid);
        assertEquals("window.code=201;", client.get("login.wx.qq.com", CGI + "login?uuid=" + uuid + "&tip=1&r=1").text());
    }

    @Test
    void confirmAnswers200WithRedirectToTheAccountsApiHostAndTheTimeOfTheScan() {
        String uuid = WebLogin.jslogin(client, "login.wx.qq.com", "");
        clock.advance(Duration.ofSeconds(7));
        bot.phone().scan(uuid);
        WebLogin.poll(client, uuid);
        clock.advance(Duration.ofSeconds(3));
        bot.phone().confirm();
        String body = WebLogin.poll(client, uuid).text();
        Matcher matcher = CONFIRMED.matcher(body);
        assertTrue(matcher.matches(), body);
        assertEquals(uuid, matcher.group(1));
        assertEquals(START.plusSeconds(7).getEpochSecond(), Long.parseLong(matcher.group(2)), "scan= is when it was scanned");
    }

    @Test
    void redirectUsesTheAccountsHostFamily() {
        bot.setHostFamily(HostFamily.WX2);
        String redirect = WebLogin.confirmedRedirect(emulator, client, bot, "");
        assertTrue(redirect.startsWith("https://wx2.qq.com/cgi-bin/mmwebwx-bin/webwxnewloginpage?ticket="), redirect);
    }

    @Test
    void aHeldPollAnswers400WhenItsQrExpiresWhileHeldAndLaterPollsToo() throws Exception {
        try (Emulator shortLived = Emulator.builder().loginPollHold(LONG_HOLD).uuidTtl(Duration.ofMillis(600)).start()) {
            WireClient shortClient = new WireClient(shortLived);
            String uuid = WebLogin.jslogin(shortClient, "login.wx.qq.com", "");
            // Held for less than the hold when the QR expires first: nothing but the expiry answers within the test.
            assertEquals("window.code=400;", pollInTheBackground(shortClient, uuid).get(WAIT.toSeconds(), TimeUnit.SECONDS).text());
            assertEquals("window.code=400;", WebLogin.poll(shortClient, uuid).text());
        }
    }

    @Test
    void advancingTheClockPastTheQrLifetimeAnswersTheHeldPoll400AtOnce() throws Exception {
        try (Emulator patient = Emulator.builder().loginPollHold(LONG_HOLD).clock(clock).start()) {
            WireClient patientClient = new WireClient(patient);
            String uuid = WebLogin.jslogin(patientClient, "login.wx.qq.com", "");
            CompletableFuture<WireClient.Response> held = pollInTheBackground(patientClient, uuid);
            patient.awaitHeldLoginPoll(uuid, WAIT);

            clock.advance(Duration.ofMinutes(5).minusSeconds(1));
            assertEquals(uuid, patient.awaitQrUuid(WAIT), "still valid a second before its 5 minutes end");
            assertFalse(held.isDone(), "still held");
            clock.advance(Duration.ofSeconds(1));

            assertEquals("window.code=400;", held.get(WAIT.toSeconds(), TimeUnit.SECONDS).text());
            assertEquals("window.code=400;", WebLogin.poll(patientClient, uuid).text());
        }
    }

    @Test
    void expireQrAnswersAHeldPoll400AndUnknownUuidAnswers400() throws Exception {
        try (Emulator patient = Emulator.builder().loginPollHold(LONG_HOLD).start()) {
            WireClient patientClient = new WireClient(patient);
            String uuid = WebLogin.jslogin(patientClient, "login.wx.qq.com", "");
            CompletableFuture<WireClient.Response> held = pollInTheBackground(patientClient, uuid);
            patient.awaitHeldLoginPoll(uuid, WAIT);

            patient.expireQr(uuid);

            assertEquals("window.code=400;", held.get(WAIT.toSeconds(), TimeUnit.SECONDS).text());
            assertEquals("window.code=400;", WebLogin.poll(patientClient, "AAAAAAAAAA==").text());
        }
    }

    @Test
    void cancelAnswersTheHeldPoll408ByDefaultAndTheQrCanBeScannedAgain() throws Exception {
        try (Emulator patient = Emulator.builder().loginPollHold(LONG_HOLD).start()) {
            WireClient patientClient = new WireClient(patient);
            Account account = patient.addAccount("Bot");
            String uuid = WebLogin.jslogin(patientClient, "login.wx.qq.com", "");
            account.phone().scan(uuid);
            assertTrue(WebLogin.poll(patientClient, uuid).text().startsWith("window.code=201;"));
            CompletableFuture<WireClient.Response> held = pollInTheBackground(patientClient, uuid);
            patient.awaitHeldLoginPoll(uuid, WAIT);

            account.phone().cancel();

            assertEquals("window.code=408;", held.get(WAIT.toSeconds(), TimeUnit.SECONDS).text());
            assertEquals(uuid, patient.awaitQrUuid(WAIT));
            account.phone().scan(uuid);
            assertTrue(WebLogin.poll(patientClient, uuid).text().startsWith("window.code=201;"));
        }
    }

    @Test
    void cancelAnswers202WhenConfigured() {
        try (Emulator official = Emulator.builder().loginPollHold(HOLD).cancelCode(202).start()) {
            WireClient officialClient = new WireClient(official);
            Account account = official.addAccount("Bot");
            String uuid = WebLogin.jslogin(officialClient, "login.wx.qq.com", "");
            account.phone().scan(uuid);
            WebLogin.poll(officialClient, uuid);
            account.phone().cancel();
            assertEquals("window.code=202;", WebLogin.poll(officialClient, uuid).text());
        }
    }

    @Test
    void loginEndpointsAreNotServedOnApiHostsAndUnknownPathsAre404() {
        assertEquals(404, client.get("wx.qq.com", "/jslogin?appid=wx782c26e4c19acffb").status());
        assertEquals(404, client.get("login.wx.qq.com", "/nothing-here").status());
        // Any other Host is a loopback client, routed by path (LoopbackClientConformanceTest): unknown paths stay 404.
        assertEquals(404, client.get("example.com", "/nothing-here").status());
    }

    /** Sends a login poll from another thread, so the test can act while the emulator holds it. */
    private static CompletableFuture<WireClient.Response> pollInTheBackground(WireClient client, String uuid) {
        return CompletableFuture.supplyAsync(() -> WebLogin.poll(client, uuid));
    }
}
