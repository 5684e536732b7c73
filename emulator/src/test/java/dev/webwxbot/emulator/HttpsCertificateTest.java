package dev.webwxbot.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import java.security.KeyStore;
import org.junit.jupiter.api.Test;

/** The HTTPS emulator presents a certificate, signed by its own CA, valid for every WeChat host name. */
class HttpsCertificateTest {

    @Test
    void serverCertificateCoversEveryHostNameAndVerifiesAgainstTheCaOnly() throws Exception {
        try (Emulator emulator = Emulator.builder().port(0).https(true).start()) {
            X509Certificate ca = emulator.caCertificate().orElseThrow();
            assertTrue(emulator.caCertificatePem().orElseThrow().startsWith("-----BEGIN CERTIFICATE-----\n"));
            for (String host : List.of("wx.qq.com", "webpush.wx2.qq.com", "login.weixin.qq.com", "file.web2.wechat.com")) {
                X509Certificate served = handshake(emulator, ca, host);
                served.verify(ca.getPublicKey());
                Set<String> names = served.getSubjectAlternativeNames().stream()
                        .map(entry -> String.valueOf(entry.get(1))).collect(Collectors.toSet());
                assertTrue(names.containsAll(Emulator.hostNames()), "SANs cover every host of PROTOCOL.md 1");
                assertTrue(names.containsAll(Set.of("localhost", "127.0.0.1")), names.toString());
            }
        }
    }

    @Test
    void plainEmulatorHasNoCertificate() {
        try (Emulator emulator = Emulator.builder().port(0).start()) {
            assertEquals(java.util.Optional.empty(), emulator.caCertificate());
            assertTrue(emulator.baseUrl().startsWith("http://"));
        }
    }

    /** A JDK TLS handshake with host-name verification for {@code host}, trusting only {@code ca}. */
    private static X509Certificate handshake(Emulator emulator, X509Certificate ca, String host) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("emulator-ca", ca);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", emulator.port())) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(host)));
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            // Identification checks 127.0.0.1 (the peer address), which the certificate also covers; the host names
            // themselves are checked against its SAN list by the caller (and by Node in the wechat4u test).
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }
}
