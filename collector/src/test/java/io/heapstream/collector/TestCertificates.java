package io.heapstream.collector;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed serving certificate for 127.0.0.1 made at test time with the JDK's {@code keytool}: the
 * keystore for a test kubelet and the PEM a collector trusts as its service-account CA. Nothing is kept.
 */
record TestCertificates(Path keystore, char[] password, Path caPem) {

    static TestCertificates create(Path dir, String name) throws IOException, InterruptedException {
        char[] password = UUID.randomUUID().toString().toCharArray();
        Path keystore = dir.resolve(name + ".p12");
        Path pem = dir.resolve(name + "-ca.crt");
        keytool(List.of("-genkeypair", "-alias", "kubelet", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + name, "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", new String(password)));
        keytool(List.of("-exportcert", "-rfc", "-alias", "kubelet", "-keystore", keystore.toString(),
                "-storepass", new String(password), "-file", pem.toString()));
        return new TestCertificates(keystore, password, pem);
    }

    private static void keytool(List<String> args) throws IOException, InterruptedException {
        var command = new java.util.ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(args);
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool " + args.get(0) + " failed: " + output);
        }
    }

    SSLContext serverContext() throws IOException, GeneralSecurityException {
        var store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password);
        }
        var keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        var context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }
}
