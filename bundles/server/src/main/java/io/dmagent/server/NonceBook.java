package io.dmagent.server;

import io.dmagent.api.log.WireText;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * The nonces of authenticated devices (digest 3.3): the one the server gave each device for its
 * next authentication, and the one the device gave the server. Only a device that authenticated
 * gets an entry, so a client the server does not know cannot add one or change a known device's.
 *
 * <p>Kept in a file (owner-only, replaced whole and atomically on each change) when one is given,
 * so that a restart of the server does not turn every device's next session into a 401; bounded in
 * entries, the least recently used forgotten first.
 */
final class NonceBook {
  /** One device's nonces; empty arrays until one was given. */
  record Nonces(byte[] client, byte[] server) {
    static final Nonces NONE = new Nonces(new byte[0], new byte[0]);

    Nonces {
      client = client.clone();
      server = server.clone();
    }

    @Override
    public byte[] client() {
      return client.clone();
    }

    @Override
    public byte[] server() {
      return server.clone();
    }

    @Override
    public String toString() {
      return "Nonces[***]";
    }
  }

  private final int capacity;
  private final Optional<Path> file;
  private final Consumer<String> warn;
  private final LinkedHashMap<String, Nonces> byDevId = new LinkedHashMap<>(16, 0.75f, true);

  NonceBook(int capacity, Optional<Path> file, Consumer<String> warn) {
    this.capacity = capacity;
    this.file = file;
    this.warn = warn;
    file.ifPresent(this::load);
  }

  synchronized Nonces get(String devId) {
    return byDevId.getOrDefault(devId, Nonces.NONE);
  }

  synchronized void put(String devId, Nonces nonces) {
    byDevId.put(devId, nonces);
    if (byDevId.size() > capacity) {
      Iterator<String> eldest = byDevId.keySet().iterator();
      eldest.next();
      eldest.remove();
    }
    file.ifPresent(this::save);
  }

  synchronized int size() {
    return byDevId.size();
  }

  private void load(Path path) {
    if (!Files.exists(path)) {
      return;
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(path)) {
      p.load(in);
    } catch (IOException | IllegalArgumentException e) {
      warn.accept(
          "reference DM server: nonces in "
              + path
              + " not readable, devices will be challenged afresh: "
              + WireText.quote(e.getMessage()));
      return;
    }
    Base64.Decoder b64 = Base64.getDecoder();
    for (String devId : p.stringPropertyNames()) {
      String[] parts = p.getProperty(devId).split(",", -1);
      try {
        if (parts.length == 2 && byDevId.size() < capacity) {
          byDevId.put(devId, new Nonces(b64.decode(parts[0]), b64.decode(parts[1])));
        }
      } catch (IllegalArgumentException e) {
        // A damaged entry: that device is challenged afresh, as it would be without the file.
      }
    }
  }

  private void save(Path path) {
    Properties p = new Properties();
    Base64.Encoder b64 = Base64.getEncoder();
    byDevId.forEach(
        (devId, n) ->
            p.setProperty(
                devId, b64.encodeToString(n.client) + "," + b64.encodeToString(n.server)));
    try {
      Files.createDirectories(path.toAbsolutePath().getParent());
      Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
      Files.deleteIfExists(tmp);
      try {
        Files.createFile(
            tmp,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(tmp);
      }
      try (OutputStream out = Files.newOutputStream(tmp)) {
        p.store(out, "nonces of the reference DM server; secret, owner-only");
      }
      try {
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      warn.accept(
          "reference DM server: nonces not saved to "
              + path
              + ", a restart will challenge devices afresh: "
              + WireText.quote(e.getMessage()));
    }
  }
}
