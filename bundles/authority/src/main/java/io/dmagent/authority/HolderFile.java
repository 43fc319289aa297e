package io.dmagent.authority;

import io.dmagent.api.tree.NodeUri;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Which server holds which MO instance, kept in a properties file so that priorities hold across a
 * restart: written whole to a temporary file (owner-only) and moved into place, so that a crash
 * leaves the old or the new version, never half of one.
 */
final class HolderFile {
  private final Path file;

  HolderFile(Path file) {
    this.file = file;
  }

  Map<NodeUri, String> load() throws IOException {
    Map<NodeUri, String> out = new TreeMap<>();
    if (!Files.isRegularFile(file)) {
      return out;
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    }
    for (String uri : p.stringPropertyNames()) {
      try {
        out.put(NodeUri.parse(uri), p.getProperty(uri));
      } catch (io.dmagent.api.tree.DmException e) {
        // a line that is not a node URI: not ours, dropped at the next save
      }
    }
    return out;
  }

  void save(Map<NodeUri, String> holders) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Properties p = new Properties();
    holders.forEach((uri, server) -> p.setProperty(uri.toString(), server));
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (OutputStream out = Files.newOutputStream(tmp)) {
      if (Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      }
      p.store(out, "MO instance = ServerID of the authority that last wrote it");
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
