package io.dmagent.outbox;

import io.dmagent.api.outbox.Outbox;
import io.dmagent.api.outbox.OutboxEntry;
import io.dmagent.api.outbox.OutboxException;
import io.dmagent.api.outbox.OverflowPolicy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The outbox of our own that the protocol bundle had before the outbox bundle, for comparison only:
 * one file per entry, written to a temporary name, forced, renamed into place and the folder forced
 * (and on acknowledgement deleted and the folder forced). Topic and destination lead the file, then
 * the payload; no checksum, no bound, no overflow policy: the least such a log must do.
 */
final class FileOutbox implements Outbox {
  private static final String SUFFIX = ".entry";

  private final Path folder;
  private long sequence;

  FileOutbox(Path folder) throws IOException {
    this.folder = Files.createDirectories(folder);
  }

  @Override
  public synchronized OutboxEntry store(String topic, String destination, byte[] payload)
      throws OutboxException {
    try {
      String id = String.format("%016d", ++sequence);
      Path tmp = folder.resolve(id + ".tmp");
      byte[] head =
          (topic + "\n" + destination + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
      try (FileChannel ch =
          FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ch.write(new ByteBuffer[] {ByteBuffer.wrap(head), ByteBuffer.wrap(payload)});
        ch.force(true);
      }
      Files.move(tmp, folder.resolve(id + SUFFIX), StandardCopyOption.ATOMIC_MOVE);
      forceFolder();
      return new OutboxEntry(id, topic, destination, Instant.now(), payload);
    } catch (IOException e) {
      throw new OutboxException("cannot write: " + e.getMessage(), e);
    }
  }

  /** Not atomic: the old outbox had no batch store; the comparison uses {@link #store} only. */
  @Override
  public synchronized List<OutboxEntry> storeAll(
      String topic, String destination, List<byte[]> payloads) throws OutboxException {
    List<OutboxEntry> out = new ArrayList<>();
    for (byte[] payload : payloads) {
      out.add(store(topic, destination, payload));
    }
    return out;
  }

  @Override
  public List<OutboxEntry> pending(String topic, Collection<String> destinations)
      throws OutboxException {
    List<OutboxEntry> out = new ArrayList<>();
    for (Path file : files()) {
      try {
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        int a = text.indexOf('\n');
        int b = text.indexOf('\n', a + 1);
        String t = text.substring(0, a);
        String d = text.substring(a + 1, b);
        if (t.equals(topic) && destinations.contains(d)) {
          String name = file.getFileName().toString();
          out.add(
              new OutboxEntry(
                  name.substring(0, name.length() - SUFFIX.length()),
                  t,
                  d,
                  Instant.EPOCH,
                  java.util.Arrays.copyOfRange(bytes, b + 1, bytes.length)));
        }
      } catch (IOException e) {
        throw new OutboxException("cannot read: " + e.getMessage(), e);
      }
    }
    return out;
  }

  @Override
  public List<OutboxEntry> pending(String topic) throws OutboxException {
    throw new UnsupportedOperationException("not measured");
  }

  @Override
  public synchronized void acknowledge(String topic, Collection<String> ids)
      throws OutboxException {
    try {
      for (String id : ids) {
        Files.deleteIfExists(folder.resolve(id + SUFFIX));
      }
      forceFolder();
    } catch (IOException e) {
      throw new OutboxException("cannot write: " + e.getMessage(), e);
    }
  }

  @Override
  public int size() throws OutboxException {
    return files().size();
  }

  @Override
  public int capacity() {
    return Integer.MAX_VALUE;
  }

  @Override
  public OverflowPolicy overflowPolicy() {
    return OverflowPolicy.REJECT_NEW;
  }

  private List<Path> files() throws OutboxException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(folder, "*" + SUFFIX)) {
      dir.forEach(files::add);
    } catch (IOException e) {
      throw new OutboxException("cannot list: " + e.getMessage(), e);
    }
    files.sort(null);
    return files;
  }

  private void forceFolder() throws IOException {
    try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
      dir.force(true);
    }
  }
}
