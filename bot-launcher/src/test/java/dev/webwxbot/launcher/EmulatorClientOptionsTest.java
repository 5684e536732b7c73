package dev.webwxbot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Emulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code webwx-bot emulator}'s client flags reach the emulator: each changes what a plain loopback client sees. */
class EmulatorClientOptionsTest {
    private static final Pattern UUID = Pattern.compile("window\\.QRLogin\\.uuid = \"(\\S+?)\";");
    private static final Pattern REDIRECT = Pattern.compile("window\\.redirect_uri=\"(\\S+?)\";");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void withNoFlagALoopbackClientLogsInAndGetsHostOnlyCookiesWithoutSecureAndA200() throws Exception {
        try (Emulator emulator = started()) {
            List<String> cookies = login(emulator, "&fun=new", 200);
            assertTrue(cookies.stream().noneMatch(line -> line.contains("Domain=") || line.contains("Secure")),
                    cookies.toString());
        }
    }

    @Test
    void flagsTurnEachRuleAround() throws Exception {
        try (Emulator emulator = started("--no-host-only-cookies", "--secure-cookies-over-http", "--legacy-301")) {
            List<String> cookies = login(emulator, "&fun=new", 301);
            assertTrue(cookies.stream().allMatch(line -> line.contains("; Domain=") && line.endsWith("; Secure")),
                    cookies.toString());
        }
        try (Emulator emulator = started("--secure-cookies-over-http", "--no-secure-cookies", "--no-desktop-301")) {
            List<String> cookies = login(emulator, "&fun=new&mod=desktop", 200);
            assertTrue(cookies.stream().noneMatch(line -> line.contains("Secure")), cookies.toString());
        }
        try (Emulator emulator = started("--no-loopback-clients")) {
            assertEquals(404, get(emulator, "/jslogin?appid=wx782c26e4c19acffb&fun=new").statusCode());
        }
    }

    private static Emulator started(String... flags) {
        EmulatorCommand command = new EmulatorCommand();
        new CommandLine(command).parseArgs(flags);
        return command.clientOptions.applyTo(Emulator.builder().port(0).loginPollHold(Duration.ofSeconds(1))).start();
    }

    /** jslogin → scan → confirm → webwxnewloginpage, all on {@code 127.0.0.1:PORT}; its Set-Cookie lines. */
    private List<String> login(Emulator emulator, String suffix, int expectedStatus) throws Exception {
        Account account = emulator.addAccount("Bot");
        Matcher uuid = UUID.matcher(get(emulator, "/jslogin?appid=wx782c26e4c19acffb&fun=new").body());
        assertTrue(uuid.find());
        account.phone().scan(uuid.group(1));
        account.phone().confirm();
        Matcher redirect = REDIRECT.matcher(get(emulator, "/cgi-bin/mmwebwx-bin/login?uuid=" + uuid.group(1)).body());
        assertTrue(redirect.find());
        URI uri = URI.create(redirect.group(1));
        assertEquals(emulator.baseUrl(), uri.getScheme() + "://" + uri.getRawAuthority());
        HttpResponse<String> page = get(emulator, uri.getRawPath() + "?" + uri.getRawQuery() + suffix);
        assertEquals(expectedStatus, page.statusCode(), page.body());
        return page.headers().allValues("Set-Cookie");
    }

    private HttpResponse<String> get(Emulator emulator, String pathAndQuery) throws Exception {
        return http.send(java.net.http.HttpRequest.newBuilder(URI.create(emulator.baseUrl() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
