package io.dmagent.launcher;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Removes the {@code fileinstall-*} folders an earlier run left in {@code data/tmp}. FileInstall
 * makes one per watched folder at each start when it is given no folder of its own and deletes it
 * only at a clean JVM exit, so every crash left two behind. The agent now gives it fixed folders
 * ({@code data/fileinstall/}); this clears what older runs left.
 */
final class StaleTempFolders {
  static final String GLOB = "fileinstall-*";

  private StaleTempFolders() {}

  /** Deletes each {@code fileinstall-*} folder in {@code tmp}; returns how many. */
  static int clean(Path tmp) throws IOException {
    if (!Files.isDirectory(tmp)) {
      return 0;
    }
    int removed = 0;
    try (DirectoryStream<Path> stale = Files.newDirectoryStream(tmp, GLOB)) {
      for (Path folder : stale) {
        if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
          deleteTree(folder);
          removed++;
        }
      }
    }
    return removed;
  }

  private static void deleteTree(Path folder) throws IOException {
    Files.walkFileTree(
        folder,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
