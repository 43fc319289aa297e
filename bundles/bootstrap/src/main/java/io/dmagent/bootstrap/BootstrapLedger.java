package io.dmagent.bootstrap;

import io.dmagent.api.bootstrap.BootstrapSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The durable record of bootstraps: per source and origin (a file name, a card, a URL), the
 * ServerIDs it put in and the SHA-256 of its last message applied; per ServerID, the source that
 * created the account (the rights check). A properties file replaced atomically; keys carry the
 * origin and ServerID in Base64url so that any text fits.
 */
final class BootstrapLedger {
  private final Path file;
  private final Properties entries = new Properties();

  private BootstrapLedger(Path file) {
    this.file = file;
  }

  /** The ledger in {@code file}, empty if there is none yet. */
  static BootstrapLedger open(Path file) throws IOException {
    BootstrapLedger ledger = new BootstrapLedger(file);
    if (Files.exists(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        ledger.entries.load(in);
      }
    }
    return ledger;
  }

  synchronized Optional<String> lastHash(BootstrapSource source, String origin) {
    return Optional.ofNullable(entries.getProperty(originKey(source, origin) + ".hash"));
  }

  synchronized Set<String> serverIds(BootstrapSource source, String origin) {
    String list = entries.getProperty(originKey(source, origin) + ".servers", "");
    Set<String> ids = new LinkedHashSet<>();
    for (String s : list.split(",")) {
      if (!s.isEmpty()) {
        ids.add(decode(s));
      }
    }
    return ids;
  }

  /** The source that created the account of {@code serverId}, if a bootstrap did. */
  synchronized Optional<BootstrapSource> creator(String serverId) {
    return Optional.ofNullable(entries.getProperty(serverKey(serverId)))
        .map(BootstrapSource::valueOf);
  }

  /** Records an applied message; accounts new to the ledger get {@code source} as creator. */
  synchronized void applied(
      BootstrapSource source, String origin, String hash, Set<String> serverIds) {
    String key = originKey(source, origin);
    entries.setProperty(key + ".hash", hash);
    entries.setProperty(key + ".servers", join(serverIds));
    for (String id : serverIds) {
      entries.putIfAbsent(serverKey(id), source.name());
    }
    save();
  }

  /** Forgets the accounts {@code serverIds} took from {@code source} and {@code origin}. */
  synchronized void withdrawn(BootstrapSource source, String origin, Set<String> serverIds) {
    String key = originKey(source, origin);
    Set<String> left = serverIds(source, origin);
    left.removeAll(serverIds);
    if (left.isEmpty()) {
      entries.remove(key + ".servers");
      entries.remove(key + ".hash");
    } else {
      entries.setProperty(key + ".servers", join(left));
    }
    for (String id : serverIds) {
      entries.remove(serverKey(id));
    }
    save();
  }

  private void save() {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      try (OutputStream out = Files.newOutputStream(tmp)) {
        entries.store(out, "bootstrap record: which source put which ServerIDs");
        out.flush();
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String join(Set<String> ids) {
    StringBuilder s = new StringBuilder();
    for (String id : ids) {
      s.append(s.length() == 0 ? "" : ",").append(encode(id));
    }
    return s.toString();
  }

  private static String originKey(BootstrapSource source, String origin) {
    return "origin." + source.name() + "." + encode(origin);
  }

  private static String serverKey(String serverId) {
    return "server." + encode(serverId);
  }

  private static String encode(String s) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String s) {
    return new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8);
  }
}
