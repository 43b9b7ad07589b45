package io.heapstream.api.http;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * PEM certificates and keys with BouncyCastle: reading a mounted Secret's {@code tls.crt}/{@code tls.key} and the
 * front-proxy CA, and issuing the self-signed serving certificate the role uses when no Secret is mounted
 * (as metrics-server does; the APIService then sets {@code insecureSkipTLSVerify}). Tests issue their CA and
 * front-proxy client certificates here too, so there is one way to make a certificate.
 */
public final class Certificates {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration VALIDITY = Duration.ofDays(365);

    private Certificates() { }

    /** A certificate and its key. */
    public record Issued(X509Certificate certificate, PrivateKey key) {
        public String certificatePem() {
            return pem(certificate);
        }

        public String keyPem() {
            return pem(key);
        }
    }

    /** A self-signed serving certificate for {@code hosts} (DNS names or IP addresses). */
    public static Issued selfSigned(String commonName, List<String> hosts) {
        return issue(commonName, hosts, null, false, KeyPurposeId.id_kp_serverAuth);
    }

    /** A certificate authority, self-signed. */
    public static Issued authority(String commonName) {
        return issue(commonName, List.of(), null, true, null);
    }

    /** A client certificate signed by {@code issuer}, e.g. the API server's front-proxy client. */
    public static Issued client(String commonName, Issued issuer) {
        return issue(commonName, List.of(), issuer, false, KeyPurposeId.id_kp_clientAuth);
    }

    private static Issued issue(String commonName, List<String> hosts, Issued issuer, boolean authority,
                                KeyPurposeId purpose) {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            KeyPair keys = generator.generateKeyPair();
            var subject = new X500Name("CN=" + commonName);
            var issuerName = issuer == null ? subject
                    : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
            var now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(issuerName, new BigInteger(64, RANDOM),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), subject,
                    keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
            if (purpose != null) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            }
            if (!hosts.isEmpty()) {
                var names = new ArrayList<GeneralName>();
                for (String host : hosts) {
                    boolean ip = host.matches("[0-9.]+") || host.contains(":");
                    names.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, host));
                }
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(GeneralName[]::new)));
            }
            var signingKey = issuer == null ? keys.getPrivate() : issuer.key();
            var signer = new JcaContentSignerBuilder("SHA256withRSA").build(signingKey);
            var certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
            return new Issued(certificate, keys.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot issue a certificate for " + commonName + ": " + e.getMessage(), e);
        }
    }

    /** Every certificate of a PEM bundle; fails naming {@code source} when there is none. */
    public static List<X509Certificate> readCertificates(String pem, String source) {
        var result = new ArrayList<X509Certificate>();
        try (var parser = new PEMParser(new StringReader(pem))) {
            Object object;
            while ((object = parser.readObject()) != null) {
                if (object instanceof X509CertificateHolder holder) {
                    result.add(new JcaX509CertificateConverter().getCertificate(holder));
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read certificates from " + source + ": " + e.getMessage(), e);
        }
        if (result.isEmpty()) {
            throw new IllegalArgumentException("no PEM certificate in " + source);
        }
        return result;
    }

    /** A PKCS#1, PKCS#8 or EC private key in PEM. */
    public static PrivateKey readKey(String pem, String source) {
        try (var parser = new PEMParser(new StringReader(pem))) {
            var object = parser.readObject();
            var converter = new JcaPEMKeyConverter();
            if (object instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            if (object instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read a private key from " + source + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("no unencrypted PEM private key in " + source);
    }

    static String pem(Object object) {
        var text = new StringWriter();
        try (var writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
