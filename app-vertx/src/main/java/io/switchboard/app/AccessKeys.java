package io.switchboard.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/** The access key: configured, or generated once and kept in the data directory (readable by the owner only). */
final class AccessKeys {

    static final String FILE_NAME = "access-key";

    private AccessKeys() {
    }

    /** The configured key, else the one stored in the data directory, else a new one stored there. */
    static String resolve(AppConfig config) {
        if (config.accessKey().isPresent()) {
            return config.accessKey().get();
        }
        Path file = config.dataDir().resolve(FILE_NAME);
        try {
            Files.createDirectories(config.dataDir());
            if (!Files.exists(file)) {
                create(file);
            }
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("SWITCHBOARD_DATA_DIR: cannot keep the access key in " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        if (!SecretFiles.createOwnerOnly(file)) {
            return;
        }
        Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
    }
}
