package io.switchboard.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for development, made once into {@code <data>/tls} with the JDK's own {@code keytool}:
 * {@code switchboard.p12} (the key, readable by its owner only, with its password beside it) and
 * {@code switchboard.pem} (the certificate, for clients to trust, e.g. {@code NODE_EXTRA_CA_CERTS}). It names
 * localhost, 127.0.0.1 and the host the API listens on. Kept and reused across starts.
 */
final class SelfSignedCertificate {

    static final String KEYSTORE = "switchboard.p12";
    static final String CERTIFICATE = "switchboard.pem";
    private static final String PASSWORD = "keystore-password";

    private final Path keystore;
    private final String password;
    private final Path certificate;

    private SelfSignedCertificate(Path keystore, String password, Path certificate) {
        this.keystore = keystore;
        this.password = password;
        this.certificate = certificate;
    }

    /** The certificate of the data directory, made first if there is none. */
    static SelfSignedCertificate of(Path dataDir, String host) throws IOException, InterruptedException {
        Path dir = dataDir.resolve("tls");
        Path keystore = dir.resolve(KEYSTORE);
        Path certificate = dir.resolve(CERTIFICATE);
        Path passwordFile = dir.resolve(PASSWORD);
        if (!Files.exists(keystore) || !Files.exists(certificate) || !Files.exists(passwordFile)) {
            Files.createDirectories(dir);
            Files.deleteIfExists(keystore);
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.deleteIfExists(passwordFile);
            SecretFiles.createOwnerOnly(passwordFile);
            Files.writeString(passwordFile, password, StandardCharsets.US_ASCII);
            keytool("-genkeypair", "-alias", "switchboard", "-keyalg", "RSA", "-keysize", "2048", "-validity", "825",
                    "-dname", "CN=switchboard", "-ext", "SAN=" + subjectNames(host), "-storetype", "PKCS12",
                    "-keystore", keystore.toString(), "-storepass", password);
            keytool("-exportcert", "-rfc", "-alias", "switchboard", "-keystore", keystore.toString(),
                    "-storepass", password, "-file", certificate.toString());
        }
        return new SelfSignedCertificate(keystore,
                Files.readString(passwordFile, StandardCharsets.US_ASCII).trim(), certificate);
    }

    Path keystore() {
        return keystore;
    }

    String password() {
        return password;
    }

    /** The certificate clients are to trust. */
    Path certificate() {
        return certificate;
    }

    private static String subjectNames(String host) {
        List<String> names = new ArrayList<>(List.of("dns:localhost", "ip:127.0.0.1"));
        if (!host.isBlank() && !host.equals("localhost") && !host.equals("127.0.0.1") && !host.equals("0.0.0.0")) {
            names.add((host.matches("[0-9.]+|.*:.*") ? "ip:" : "dns:") + host);
        }
        return String.join(",", names);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool could not make the self-signed certificate: "
                    + new String(output, StandardCharsets.UTF_8).trim());
        }
    }
}
