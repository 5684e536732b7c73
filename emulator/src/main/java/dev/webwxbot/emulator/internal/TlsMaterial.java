package dev.webwxbot.emulator.internal;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.SSLException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/**
 * A throw-away certificate authority and a server certificate it signed, made fresh at every start, covering every
 * host name of PROTOCOL.md section 1 plus {@code localhost} and {@code 127.0.0.1}. A client that trusts only the CA
 * can then verify the emulator under the real host names. Immutable and thread-safe; the private keys never leave
 * this object except into the server's {@link SslContext}.
 */
public final class TlsMaterial {
    private static final Duration VALIDITY = Duration.ofDays(30);
    private static final String SIGNATURE = "SHA256withECDSA";

    private final X509Certificate ca;
    private final X509Certificate server;
    private final KeyPair serverKeys;

    private TlsMaterial(X509Certificate ca, X509Certificate server, KeyPair serverKeys) {
        this.ca = ca;
        this.server = server;
        this.serverKeys = serverKeys;
    }

    /** Generates a CA and a server certificate for {@link #hostNames()}; P-256 keys because they are quick to make. */
    public static TlsMaterial generate() {
        try {
            SecureRandom random = new SecureRandom();
            KeyPair caKeys = ecKeyPair(random);
            KeyPair serverKeys = ecKeyPair(random);
            Instant notBefore = Instant.now().minus(Duration.ofHours(1));
            Instant notAfter = notBefore.plus(VALIDITY);
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();

            X500Name caName = new X500Name("CN=webwx-bot emulator CA " + Long.toHexString(random.nextLong()) + ", O=webwx-bot");
            X509v3CertificateBuilder caBuilder = new JcaX509v3CertificateBuilder(caName, serial(random),
                    Date.from(notBefore), Date.from(notAfter), caName, caKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(caKeys.getPublic()));
            X509Certificate ca = sign(caBuilder, caKeys);

            List<GeneralName> names = new ArrayList<>();
            for (String host : hostNames()) {
                names.add(new GeneralName(GeneralName.dNSName, host));
            }
            names.add(new GeneralName(GeneralName.dNSName, "localhost"));
            names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
            X509v3CertificateBuilder serverBuilder = new JcaX509v3CertificateBuilder(ca, serial(random),
                    Date.from(notBefore), Date.from(notAfter), new X500Name("CN=wx.qq.com, O=webwx-bot emulator"),
                    serverKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(names.toArray(GeneralName[]::new)))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(ca))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(serverKeys.getPublic()));
            X509Certificate server = sign(serverBuilder, caKeys);
            return new TlsMaterial(ca, server, serverKeys);
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("could not generate the emulator's TLS certificates", e);
        }
    }

    /** Every host name the emulator answers for (login, API, file and push hosts, legacy ones included). */
    public static List<String> hostNames() {
        return new HostDirectory().hostNames();
    }

    public X509Certificate caCertificate() {
        return ca;
    }

    public X509Certificate serverCertificate() {
        return server;
    }

    /** The CA certificate as PEM, e.g. for {@code NODE_EXTRA_CA_CERTS} or a browser's trust store. */
    public String caCertificatePem() {
        return pem(ca);
    }

    /** A server-side context presenting the server certificate followed by the CA. */
    public SslContext serverContext() {
        try {
            return SslContextBuilder.forServer(serverKeys.getPrivate(), server, ca).build();
        } catch (SSLException e) {
            throw new IllegalStateException("could not build the emulator's TLS context", e);
        }
    }

    static String pem(X509Certificate certificate) {
        try {
            String body = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair ecKeyPair(SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        return generator.generateKeyPair();
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(63, random).add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
            throws OperatorCreationException, GeneralSecurityException {
        ContentSigner contentSigner = new JcaContentSignerBuilder(SIGNATURE).build(signer.getPrivate());
        X509CertificateHolder holder = builder.build(contentSigner);
        return new JcaX509CertificateConverter().getCertificate(holder);
    }
}
