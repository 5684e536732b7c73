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
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.webwxbot.emulator.WebLogin.CGI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** jslogin, the QR code and the login long poll, against PROTOCOL.md 2.2–2.4 and the qjesus captures. */
class LoginConformanceTest {
    private static final Duration HOLD = Duration.ofSeconds(1);
    private static final Pattern UUID = Pattern.compile("[A-Za-z0-9]{10}==");
    private static final Pattern AVATAR = Pattern.compile("window\\.code=201;window\\.userAvatar = 'data:img/jpg;base64,([A-Za-z0-9+/=]+)';");
    private static final Pattern CONFIRMED = Pattern.compile(
            "window\\.code=200;\nwindow\\.redirect_uri=\"https://wx\\.qq\\.com/cgi-bin/mmwebwx-bin/webwxnewloginpage"
                    + "\\?ticket=A[A-Za-z0-9_-]{23}@qrticket_0&uuid=([A-Za-z0-9]{10}==)&lang=zh_CN&scan=(\\d{10})\";");

    private Emulator emulator;
    private WireClient client;
    private Account bot;

    @BeforeEach
    void start() {
        emulator = Emulator.builder().port(0).loginPollHold(HOLD).syncCheckHold(HOLD).start();
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
    void heldPollCompletesAtOnceWhenThePhoneScansWith201AndAvatarOnlyOnce() throws Exception {
        String uuid = WebLogin.jslogin(client, "login.wx.qq.com", "");
        Thread phone = Thread.ofVirtual().start(() -> {
            sleep(200);
            bot.phone().scan(uuid);
        });
        long started = System.nanoTime();
        WireClient.Response scanned = WebLogin.poll(client, uuid);
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        phone.join();
        Matcher avatar = AVATAR.matcher(scanned.text());
        assertTrue(avatar.matches(), scanned.text());
        assertTrue(elapsedMillis < 900, "scan did not complete the held poll early: " + elapsedMillis + " ms");
        byte[] jpeg = Base64.getDecoder().decode(avatar.group(1));
        assertNotNull(ImageIO.read(new ByteArrayInputStream(jpeg)));
        assertEquals("window.code=408;", WebLogin.poll(client, uuid).text(), "201 must be sent once");
    }

    @Test
    void scanWithoutLoginiconAnswers201WithoutAvatar() {
        String uuid = WebLogin.jslogin(client, "login.wx.qq.com", "");
        bot.phone().scan(uuid);
        assertEquals("window.code=201;", client.get("login.wx.qq.com", CGI + "login?uuid=" + uuid + "&tip=1&r=1").text());
    }

    @Test
    void confirmAnswers200WithRedirectToTheAccountsApiHost() {
        String uuid = WebLogin.jslogin(client, "login.wx.qq.com", "");
        bot.phone().scan(uuid);
        WebLogin.poll(client, uuid);
        long before = System.currentTimeMillis() / 1000;
        bot.phone().confirm();
        String body = WebLogin.poll(client, uuid).text();
        Matcher matcher = CONFIRMED.matcher(body);
        assertTrue(matcher.matches(), body);
        assertEquals(uuid, matcher.group(1));
        assertTrue(Math.abs(Long.parseLong(matcher.group(2)) - before) <= 2);
    }

    @Test
    void redirectUsesTheAccountsHostFamily() {
        bot.setHostFamily(HostFamily.WX2);
        String redirect = WebLogin.confirmedRedirect(emulator, client, bot, "");
        assertTrue(redirect.startsWith("https://wx2.qq.com/cgi-bin/mmwebwx-bin/webwxnewloginpage?ticket="), redirect);
    }

    @Test
    void expiredUuidAnswers400() {
        try (Emulator shortLived = Emulator.builder().loginPollHold(Duration.ofSeconds(5))
                .uuidTtl(Duration.ofMillis(600)).start()) {
            WireClient shortClient = new WireClient(shortLived);
            String uuid = WebLogin.jslogin(shortClient, "login.wx.qq.com", "");
            long started = System.nanoTime();
            assertEquals("window.code=400;", WebLogin.poll(shortClient, uuid).text());
            assertTrue((System.nanoTime() - started) / 1_000_000 < 3_000, "held past the TTL");
            assertEquals("window.code=400;", WebLogin.poll(shortClient, uuid).text());
        }
    }

    @Test
    void expireQrCompletesAHeldPollWith400AndUnknownUuidAnswers400() throws Exception {
        String uuid = WebLogin.jslogin(client, "login.wx.qq.com", "");
        Thread expirer = Thread.ofVirtual().start(() -> {
            sleep(200);
            emulator.expireQr(uuid);
        });
        assertEquals("window.code=400;", WebLogin.poll(client, uuid).text());
        expirer.join();
        assertEquals("window.code=400;", WebLogin.poll(client, "AAAAAAAAAA==").text());
    }

    @Test
    void cancelAnswers408ByDefaultAndTheQrCanBeScannedAgain() throws Exception {
        String uuid = WebLogin.jslogin(client, "login.wx.qq.com", "");
        bot.phone().scan(uuid);
        assertTrue(WebLogin.poll(client, uuid).text().startsWith("window.code=201;"));
        Thread phone = Thread.ofVirtual().start(() -> {
            sleep(200);
            bot.phone().cancel();
        });
        long started = System.nanoTime();
        assertEquals("window.code=408;", WebLogin.poll(client, uuid).text());
        assertTrue((System.nanoTime() - started) / 1_000_000 < 900, "cancel did not complete the held poll");
        phone.join();
        assertEquals(uuid, emulator.awaitQrUuid(Duration.ofSeconds(1)));
        bot.phone().scan(uuid);
        assertTrue(WebLogin.poll(client, uuid).text().startsWith("window.code=201;"));
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
