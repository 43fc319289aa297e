package io.dmagent.protocol.outbox;

import io.dmagent.api.session.GenericAlert;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.StatusCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Alerts waiting for a session, one file each in the outbox folder. A file is written to a
 * temporary name, forced to disk, renamed into place and the folder forced too, so that an alert
 * that was acknowledged to its sender survives a crash or power loss, and a crash mid-write leaves
 * at most a temporary file that is ignored. Alerts are delivered in the order they were queued. A
 * file that fails its checksum is moved aside and reported, never delivered.
 */
public final class AlertOutbox {
  private static final String SUFFIX = ".alert";
  private static final String CORRUPT_SUFFIX = ".corrupt";

  private final Path folder;
  private final int capacity;
  private final Consumer<String> warnings;
  private long sequence;

  /**
   * @param warnings receives one line per problem found (corrupt files set aside)
   */
  public AlertOutbox(Path folder, int capacity, Consumer<String> warnings) throws IOException {
    boolean created = !Files.isDirectory(folder);
    this.folder = Files.createDirectories(folder);
    if (created) {
      ownerOnly(folder, "rwx------"); // a folder of our own: nobody else may even list it
    }
    this.capacity = capacity;
    this.warnings = warnings;
    this.sequence = highestSequence();
    removeTemporaryFiles();
  }

  /** Alerts may carry what a server must not share: owner-only, on POSIX file systems. */
  private static void ownerOnly(Path path, String permissions) throws IOException {
    if (Files.getFileStore(path)
        .supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) {
      Files.setPosixFilePermissions(
          path, java.nio.file.attribute.PosixFilePermissions.fromString(permissions));
    }
  }

  /** Stores a Generic Alert (1226) durably and returns its identifier. */
  public String queue(GenericAlert alert, Optional<String> serverId) throws DmException {
    return queue(alert, serverId, QueuedAlert.GENERIC_ALERT);
  }

  /**
   * Stores an alert durably under {@code alertCode} (1226 Generic Alert, 1224 Client Event) and
   * returns its identifier.
   */
  public synchronized String queue(GenericAlert alert, Optional<String> serverId, int alertCode)
      throws DmException {
    try {
      if (files().size() >= capacity) {
        throw new DmException(
            StatusCode.DEVICE_FULL, "alert outbox holds its maximum of " + capacity + " alerts");
      }
      String id = String.format("%016d", ++sequence);
      QueuedAlert queued = new QueuedAlert(id, serverId, alert, alertCode);
      Path tmp = folder.resolve(id + ".tmp");
      try (FileChannel ch =
          FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ownerOnly(tmp, "rw-------"); // before any byte of the alert is in it
        ch.write(ByteBuffer.wrap(AlertRecord.encode(queued)));
        ch.force(true);
      }
      Files.move(tmp, folder.resolve(id + SUFFIX), StandardCopyOption.ATOMIC_MOVE);
      forceFolder();
      return id;
    } catch (IOException e) {
      throw new DmException(
          StatusCode.DATA_STORE_FAILURE, "cannot write the alert outbox: " + e.getMessage(), e);
    }
  }

  /** Alerts a session with {@code serverId} should deliver, oldest first. */
  public synchronized List<QueuedAlert> pendingFor(String serverId) throws IOException {
    List<QueuedAlert> out = new ArrayList<>();
    for (Path file : files()) {
      readOrSetAside(file).filter(a -> a.isFor(serverId)).ifPresent(out::add);
    }
    return out;
  }

  /** Forgets alerts a server has acknowledged (Status 200 or 202). */
  public synchronized void acknowledge(Collection<String> ids) throws IOException {
    for (String id : ids) {
      Files.deleteIfExists(folder.resolve(id + SUFFIX));
    }
    forceFolder();
  }

  public synchronized int size() throws IOException {
    return files().size();
  }

  private Optional<QueuedAlert> readOrSetAside(Path file) throws IOException {
    try {
      return Optional.of(AlertRecord.decode(Files.readAllBytes(file)));
    } catch (AlertRecord.CorruptRecordException e) {
      Path aside = file.resolveSibling(file.getFileName() + CORRUPT_SUFFIX);
      Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
      warnings.accept(
          "alert outbox file "
              + file.getFileName()
              + " is corrupt ("
              + e.getMessage()
              + "); kept aside as "
              + aside.getFileName());
      return Optional.empty();
    }
  }

  private List<Path> files() throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(folder, "*" + SUFFIX)) {
      dir.forEach(files::add);
    }
    files.sort(null);
    return files;
  }

  private long highestSequence() throws IOException {
    long max = 0;
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(folder)) {
      for (Path p : dir) {
        String name = p.getFileName().toString();
        int dot = name.indexOf('.');
        try {
          max = Math.max(max, Long.parseLong(dot < 0 ? name : name.substring(0, dot)));
        } catch (NumberFormatException ignored) {
          // Not one of ours.
        }
      }
    }
    return max;
  }

  private void removeTemporaryFiles() throws IOException {
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(folder, "*.tmp")) {
      for (Path p : dir) {
        Files.delete(p);
      }
    }
  }

  /** A rename is durable only once the folder's own entry is on disk. */
  private void forceFolder() throws IOException {
    try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
      dir.force(true);
    }
  }
}
