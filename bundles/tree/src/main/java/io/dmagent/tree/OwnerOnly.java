package io.dmagent.tree;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files that hold secrets (DM account credentials) are the agent user's alone: 600 for files, 700
 * for folders, on file systems with POSIX permissions (others have their own access control).
 */
final class OwnerOnly {
  private OwnerOnly() {}

  static void restrict(Path path) throws IOException {
    if (Files.exists(path)
        && Files.getFileStore(path).supportsFileAttributeView(PosixFileAttributeView.class)) {
      Files.setPosixFilePermissions(
          path,
          PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwx------" : "rw-------"));
    }
  }
}
