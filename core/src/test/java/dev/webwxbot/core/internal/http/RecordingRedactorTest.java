package dev.webwxbot.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RecordingRedactorTest {

    @Test
    void loginAnswerElementsAreMaskedAndTheirValuesSweptFromLaterQueries() {
        RecordingRedactor redactor = new RecordingRedactor();
        String login = redactor.text("<error><ret>0</ret><skey>@crypt_1a2b3c4d_5e6f</skey><wxsid>AbCdEfGhIjKl</wxsid>"
                + "<wxuin>176666155</wxuin><pass_ticket>kbmy5Jt9nj%2BJzB</pass_ticket></error>");

        assertEquals("<error><ret>0</ret><skey>***</skey><wxsid>***</wxsid><wxuin>***</wxuin>"
                + "<pass_ticket>***</pass_ticket></error>", login);
        assertEquals("/cgi-bin/x?u=***&other=***", redactor.query("/cgi-bin/x?u=176666155&other=AbCdEfGhIjKl"));
        assertEquals("pass *** and ***", redactor.sweep("pass kbmy5Jt9nj+JzB and kbmy5Jt9nj%2BJzB"));
    }

    @Test
    void jsonKeysAreMaskedAndNumbersEqualToASecretBecomeAMaskStringSoTheBodyStaysJson() {
        RecordingRedactor redactor = new RecordingRedactor();
        String init = redactor.text("{\"BaseRequest\":{\"Uin\":176666155,\"Sid\":\"AbCdEfGhIjKl\",\"Skey\":\"@crypt_x1\","
                + "\"DeviceID\":\"e123456789012345\"},\"User\":{\"Uin\":176666155},\"ContactList\":[{\"Uin\":0}]}");

        assertEquals("{\"BaseRequest\":{\"Uin\":\"***\",\"Sid\":\"***\",\"Skey\":\"***\",\"DeviceID\":\"***\"},"
                + "\"User\":{\"Uin\":\"***\"},\"ContactList\":[{\"Uin\":0}]}", init);
        assertEquals("{\"Other\":\"***\",\"MsgId\":\"11766661559\",\"n\":\"uin ***\"}",
                redactor.text("{\"Other\":176666155,\"MsgId\":\"11766661559\",\"n\":\"uin 176666155\"}"));
    }

    @Test
    void everyCookieValueIsMaskedButOnlyCredentialsAreSweptElsewhere() {
        RecordingRedactor redactor = new RecordingRedactor();

        assertEquals("wxsid=***; Domain=wx.qq.com; Path=/",
                redactor.setCookie("wxsid=AbCdEfGhIjKl; Domain=wx.qq.com; Path=/"));
        assertEquals("wxloadtime=***; Path=/", redactor.setCookie("wxloadtime=1796600402; Path=/"));
        assertEquals("synckey=1000_1796600402 sid ***",
                redactor.sweep("synckey=1000_1796600402 sid AbCdEfGhIjKl"));
    }

    @Test
    void theTicketInsideTheLoginPollsRedirectUriIsMasked() {
        RecordingRedactor redactor = new RecordingRedactor();
        String poll = redactor.text("window.code=200;\nwindow.redirect_uri=\"https://wx.qq.com/cgi-bin/mmwebwx-bin/"
                + "webwxnewloginpage?ticket=A8qwapRs9XaqPBdqeVt6zxs@qrticket_0&uuid=QZ1wV6lG8w==&lang=zh_CN\";");

        assertTrue(poll.contains("ticket=***&uuid=QZ1wV6lG8w==&lang=zh_CN"), poll);
        assertFalse(redactor.query("ticket=x&t=A8qwapRs9XaqPBdqeVt6zxs@qrticket_0").contains("qrticket"));
    }

    @Test
    void textIsToldFromMediaByContentTypeOrElseByItsBytes() {
        assertTrue(FileRecorder.isText("application/json; charset=UTF-8", new byte[0]));
        assertTrue(FileRecorder.isText("text/javascript", new byte[0]));
        assertFalse(FileRecorder.isText("image/jpeg", "abc".getBytes()));
        assertFalse(FileRecorder.isText("multipart/form-data; boundary=x", "abc".getBytes()));
        assertTrue(FileRecorder.isText("", "{\"a\":1}".getBytes()));
        assertFalse(FileRecorder.isText("", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0}));
    }
}
