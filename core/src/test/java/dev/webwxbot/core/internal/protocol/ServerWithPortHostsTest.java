package dev.webwxbot.core.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * A login redirect to a server that names its port ({@code --server http://127.0.0.1:PORT} answering with its own
 * origin) keeps that port in every later URL, so the {@code Host} header is the same on every call.
 */
class ServerWithPortHostsTest {

    @Test
    void theRedirectsPortStaysWithTheApiHost() {
        URI redirect = URI.create("https://127.0.0.1:8443/cgi-bin/mmwebwx-bin/webwxnewloginpage?ticket=t&uuid=u&scan=1");
        assertEquals("127.0.0.1:8443", LoginCalls.authority(redirect));
        assertEquals("wx2.qq.com", LoginCalls.authority(URI.create("https://WX2.qq.com/cgi-bin/mmwebwx-bin/x?a=1")));
    }

    @Test
    void anApiHostWithAPortServesFileAndPushCallsAtTheSameOrigin() {
        assertEquals(new WxHosts("127.0.0.1:8443", "127.0.0.1:8443", "127.0.0.1:8443"), WxHosts.forApiHost("127.0.0.1:8443"));
        assertEquals(new WxHosts("wx2.qq.com", "file.wx2.qq.com", "webpush.wx2.qq.com"), WxHosts.forApiHost("wx2.qq.com"));
    }

    @Test
    void everyLaterCallCarriesTheSamePortInItsHost() {
        WxHosts hosts = WxHosts.forApiHost(LoginCalls.authority(URI.create("http://localhost:9000/cgi-bin/mmwebwx-bin/webwxnewloginpage?ticket=t")));
        for (String host : new String[] {hosts.apiHost(), hosts.fileHost(), hosts.pushHost()}) {
            URI uri = Query.of(host, "/cgi-bin/mmwebwx-bin/webwxsync").param("sid", "s").uri();
            assertEquals("localhost", uri.getHost());
            assertEquals(9000, uri.getPort());
        }
    }
}
