package dev.webwxbot.core.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The readers of the server's script, XML and JSON answers give a value or a typed failure, whatever they get. */
class ServerAnswerReadersTest {

    @Test
    void syncCheckNumbersTooBigForAnIntAreAMalformedAnswer() throws Exception {
        assertEquals(new SessionCalls.SyncCheck(0, 2),
                SessionCalls.parseSyncCheck(200, "window.synccheck={retcode:\"0\",selector:\"2\"}"));
        assertThrows(MalformedResponseException.class, () ->
                SessionCalls.parseSyncCheck(200, "window.synccheck={retcode:\"99999999999\",selector:\"2\"}"));
        assertThrows(MalformedResponseException.class, () -> SessionCalls.parseSyncCheck(502, "<html>"));
    }

    @Test
    void aLoginPollCodeTooBigForAnIntIsAMalformedAnswer() throws Exception {
        assertInstanceOf(LoginPoll.Waiting.class, LoginCalls.parsePoll("window.code=408;"));
        assertThrows(MalformedResponseException.class, () -> LoginCalls.parsePoll("window.code=4080000000000;"));
        assertThrows(MalformedResponseException.class, () -> LoginCalls.parsePoll("window.code=200;"));
    }

    @Test
    void aJsloginAnswerWithoutAUsableUuidIsAMalformedAnswer() throws Exception {
        assertEquals("gbyKnbsmqQ==",
                LoginCalls.parseUuid(200, "window.QRLogin.code = 200; window.QRLogin.uuid = \"gbyKnbsmqQ==\";"));
        assertThrows(MalformedResponseException.class, () ->
                LoginCalls.parseUuid(200, "window.QRLogin.code = 200; window.QRLogin.uuid = \"a&b<c\";"));
        assertThrows(MalformedResponseException.class, () ->
                LoginCalls.parseUuid(200, "window.QRLogin.code = 99999999999999; window.QRLogin.uuid = \"x\";"));
    }

    @Test
    void aLoginPageWithANonNumericRetOrUinIsAMalformedAnswer() throws Exception {
        String good = "<error><ret>0</ret><message></message><skey>@crypt_1</skey><wxsid>s</wxsid>"
                + "<wxuin>123</wxuin><pass_ticket>p</pass_ticket><isgrayscale>1</isgrayscale></error>";
        assertEquals(123, LoginCalls.parseLoginPage("wx2.qq.com", 200, good).credentials().uin());
        assertThrows(MalformedResponseException.class, () ->
                LoginCalls.parseLoginPage("wx2.qq.com", 200, good.replace("<ret>0", "<ret>zero")));
        assertThrows(MalformedResponseException.class, () ->
                LoginCalls.parseLoginPage("wx2.qq.com", 200, good.replace("<wxuin>123", "<wxuin>99999999999999999999")));
        assertEquals(1203, assertThrows(LoginRefusedException.class, () ->
                LoginCalls.parseLoginPage("wx2.qq.com", 200, good.replace("<ret>0", "<ret>1203"))).ret());
        assertThrows(MalformedResponseException.class, () -> LoginCalls.parseLoginPage("wx2.qq.com", 200, ""));
    }

    @Test
    void xmlNestedBeyondTheLimitIsAMalformedAnswerNotAStackOverflow() {
        String deep = "<a>".repeat(SafeXml.MAX_DEPTH + 1) + "</a>".repeat(SafeXml.MAX_DEPTH + 1);
        assertThrows(MalformedResponseException.class, () -> SafeXml.parse(deep));
        String shallow = "<a>".repeat(SafeXml.MAX_DEPTH - 1) + "</a>".repeat(SafeXml.MAX_DEPTH - 1);
        assertTrue(assertDoesNotThrowParse(shallow));
    }

    @Test
    void xmlOverTheSizeLimitIsAMalformedAnswer() {
        String huge = "<a>" + "x".repeat(SafeXml.MAX_CHARS) + "</a>";
        assertThrows(MalformedResponseException.class, () -> SafeXml.parse(huge));
    }

    @Test
    void syncBodyListsOfTheWrongShapeReadAsEmpty() throws Exception {
        JsonNode body = Json.parse(("{\"AddMsgList\":{\"a\":{\"MsgType\":1}},\"ModContactList\":[1,\"x\",{\"UserName\":\"@a\"}],"
                + "\"DelContactList\":\"none\",\"SyncKey\":{\"List\":[{\"Key\":\"1\",\"Val\":2},7,{\"Key\":1,\"Val\":3}]}}")
                .getBytes(StandardCharsets.UTF_8));
        SessionCalls.SyncResult sync = SessionCalls.readSync(body);
        assertEquals(0, sync.addMsgList().size());
        assertEquals(1, sync.modContactList().size());
        assertEquals(0, sync.delContactList().size());
        assertEquals("1_3", sync.syncKey().toSyncCheckString());
        assertEquals(0, SessionCalls.readInit(body).contacts().size());
    }

    private static boolean assertDoesNotThrowParse(String xml) {
        try {
            SafeXml.parse(xml);
            return true;
        } catch (MalformedResponseException e) {
            return false;
        }
    }
}
