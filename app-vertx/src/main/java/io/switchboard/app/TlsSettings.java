package io.switchboard.app;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How the REST API is served over https: with the operator's certificate and key (PEM files), or, for development,
 * with a self-signed certificate the server makes into its data directory.
 *
 * @param certificate the PEM certificate chain; empty for a self-signed certificate
 * @param key         the PEM private key; empty for a self-signed certificate
 */
public record TlsSettings(Optional<Path> certificate, Optional<Path> key) {

    public TlsSettings {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(key, "key");
        if (certificate.isPresent() != key.isPresent()) {
            throw new IllegalArgumentException("a certificate and a key go together");
        }
    }

    /** A self-signed certificate made into the data directory. */
    public static TlsSettings selfSigned() {
        return new TlsSettings(Optional.empty(), Optional.empty());
    }

    public boolean isSelfSigned() {
        return certificate.isEmpty();
    }
}
