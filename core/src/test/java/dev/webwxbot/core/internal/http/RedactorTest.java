package dev.webwxbot.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void secretQueryValuesAreMaskedAndEverythingElseKeptInOrder() {
        URI uri = URI.create("https://wx.qq.com/cgi-bin/mmwebwx-bin/webwxsync?sid=5YpLHmVgWwH5LxN1"
                + "&skey=@crypt_63d18dea_a7de6934c67e2f89ac399fa35b689a50&lang=zh_CN"
                + "&pass_ticket=kbmy5Jt9nj%252BJzBaJZYNpUBQyBwRTejeXq1sM%252FYH7iOI%253D");

        assertEquals("https://wx.qq.com/cgi-bin/mmwebwx-bin/webwxsync?sid=***&skey=***&lang=zh_CN&pass_ticket=***",
                Redactor.redactUri(uri));
    }

    @Test
    void parameterNamesMatchCaseInsensitively() {
        assertEquals("DeviceID=***&Skey=***&WXUIN=***&r=1",
                Redactor.redactQuery("DeviceID=e123456789012345&Skey=@crypt_x&WXUIN=176666155&r=1"));
    }

    @Test
    void everyCredentialParameterIsMasked() {
        assertEquals("skey=***&sid=***&wxsid=***&uin=***&wxuin=***&pass_ticket=***&webwx_data_ticket=***"
                        + "&ticket=***&deviceid=***",
                Redactor.redactQuery("skey=a&sid=b&wxsid=c&uin=d&wxuin=e&pass_ticket=f&webwx_data_ticket=g"
                        + "&ticket=h&deviceid=i"));
    }

    @Test
    void similarNamesAndValuelessParametersAreKept() {
        assertEquals("uuid=gbyKnbsmqQ==&tip&skeys=1&ticket=***&",
                Redactor.redactQuery("uuid=gbyKnbsmqQ==&tip&skeys=1&ticket=AaX@qrticket_0&"));
    }

    @Test
    void uriWithoutQueryKeepsPortAndDropsUserInfoAndFragment() {
        assertEquals("https://file.wx.qq.com:8443/cgi-bin/mmwebwx-bin/webwxuploadmedia",
                Redactor.redactUri(URI.create(
                        "https://user:pw@file.wx.qq.com:8443/cgi-bin/mmwebwx-bin/webwxuploadmedia#frag")));
    }

    @Test
    void setCookieKeepsNameAndAttributesAndMasksTheValue() {
        assertEquals("webwx_auth_ticket=***; Domain=wx.qq.com; Path=/; Secure",
                Redactor.redactSetCookie("webwx_auth_ticket=CIsBEPf; Domain=wx.qq.com; Path=/; Secure"));
        assertEquals("wxuin=***", Redactor.redactSetCookie("wxuin=176666155"));
    }
}
