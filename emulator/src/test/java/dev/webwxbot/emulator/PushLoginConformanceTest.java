package dev.webwxbot.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.webwxbot.emulator.WebLogin.CGI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** webwxpushloginurl (PROTOCOL.md 2.7): the prompt on the phone, then the login poll as after a scan. */
class PushLoginConformanceTest {
    private Emulator emulator;
    private WireClient client;
    private Account bot;
    private WebLogin earlier;

    @BeforeEach
    void start() {
        emulator = Emulator.builder().loginPollHold(Duration.ofSeconds(1)).syncCheckHold(Duration.ofSeconds(1)).start();
        client = new WireClient(emulator);
        bot = emulator.addAccount("Bot");
        earlier = WebLogin.perform(emulator, client, bot);
        bot.phone().logoutWeb();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private WireClient.Response push(String uin, String cookies) {
        return client.get("wx.qq.com", CGI + "webwxpushloginurl?uin=" + uin, "Cookie", cookies);
    }

    @Test
    void pushWithTheEarlierCookiesPromptsThePhoneAndConfirmLogsIn() {
        JsonNode answer = push(earlier.uin, earlier.cookieHeader()).json();
        assertEquals("0", answer.path("ret").asText());
        assertTrue(answer.path("ret").isTextual(), "ret is a string");
        assertEquals("all ok", answer.path("msg").asText());
        String uuid = answer.path("uuid").asText();
        assertTrue(bot.phone().hasPushPrompt());

        assertEquals("window.code=408;", client.get("login.wx.qq.com", CGI + "login?loginicon=true&uuid=" + uuid
                + "&tip=1&r=-1&_=1").text(), "no scan is reported; the poll waits for the phone");
        bot.phone().confirm();
        String confirmed = WebLogin.poll(client, uuid).text();
        assertTrue(confirmed.startsWith("window.code=200;"), confirmed);
        assertFalse(bot.phone().hasPushPrompt());
        String redirect = confirmed.substring(confirmed.indexOf('"') + 1, confirmed.lastIndexOf('"'));
        WireClient.Response page = client.get(WebLogin.host(redirect), WebLogin.pathAndQuery(redirect) + "&fun=new&version=v2");
        assertEquals("0", WebLogin.element(page.text(), "ret"));
    }

    @Test
    void pushWithoutTheAuthTicketAnswers3AndWithAWrongUin1() {
        String withoutTicket = earlier.cookieHeader().replaceAll("webwx_auth_ticket=[^;]*;? ?", "");
        assertEquals("3", push(earlier.uin, withoutTicket).json().path("ret").asText());
        assertEquals("1", push("12345", earlier.cookieHeader()).json().path("ret").asText());
        assertEquals("args error", push("", earlier.cookieHeader()).json().path("msg").asText());
        assertFalse(bot.phone().hasPushPrompt());
    }
}
