package io.switchboard.app;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Files that hold secrets (the access key, a keystore password): created readable by their owner only. */
final class SecretFiles {

    private SecretFiles() {
    }

    /**
     * Creates the file, empty, readable and writable by its owner only where the file system has POSIX permissions.
     *
     * @return false if it existed already (it is left as it is)
     */
    static boolean createOwnerOnly(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            return false;
        }
        return true;
    }
}
