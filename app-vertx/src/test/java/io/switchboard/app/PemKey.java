package io.switchboard.app;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.util.Base64;

/** The private key of a PKCS12 keystore written as a PKCS#8 PEM file, as an operator's key file is. */
final class PemKey {

    private PemKey() {
    }

    static Path exportFrom(Path keystore, String password, Path target) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password.toCharArray());
        }
        Key key = store.getKey("switchboard", password.toCharArray());
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        return Files.writeString(target, pem, StandardCharsets.US_ASCII);
    }
}
