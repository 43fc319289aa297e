package io.dmagent.bootstrap.client;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * What was last taken from each bootstrap server URL: the server's ETag (sent back as
 * If-None-Match) and the SHA-256 of the message, so that an unchanged message is not applied again,
 * even after a restart or from a server that sends no ETag. Kept in one properties file, written
 * whole and then moved into place.
 */
final class FetchMemory {
  private static final String ETAG = ".etag";
  private static final String HASH = ".sha256";

  private final Path file;
  private final Properties entries = new Properties();

  FetchMemory(Path file) throws IOException {
    this.file = file;
    if (Files.exists(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        entries.load(in);
      }
    }
  }

  synchronized Optional<String> etag(String url) {
    return Optional.ofNullable(entries.getProperty(url + ETAG));
  }

  synchronized boolean seen(String url, String sha256) {
    return sha256.equals(entries.getProperty(url + HASH));
  }

  /** Remembers the message taken from {@code url}; durable before it returns. */
  synchronized void remember(String url, Optional<String> etag, String sha256) throws IOException {
    entries.setProperty(url + HASH, sha256);
    etag.ifPresentOrElse(e -> entries.setProperty(url + ETAG, e), () -> entries.remove(url + ETAG));
    Files.createDirectories(file.getParent());
    Path next = file.resolveSibling(file.getFileName() + ".new");
    try (FileOutputStream out = new FileOutputStream(next.toFile())) {
      entries.store(out, "what each bootstrap server last gave (ETag, SHA-256)");
      out.getFD().sync();
    }
    Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
