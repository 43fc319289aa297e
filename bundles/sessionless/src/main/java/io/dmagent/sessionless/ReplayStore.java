package io.dmagent.sessionless;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The replay guard of sessionless commands: per server, the timestamp of the last command accepted,
 * kept in one small file. A command is admitted only when its timestamp is strictly greater than
 * that and within the window around the agent's clock; it is on disk (written to a new file,
 * forced, moved over the old one, the folder forced) before {@link #admit} says yes, so a crash can
 * never make a command run twice.
 */
final class ReplayStore {
  /** Why a timestamp was admitted or not. */
  enum Verdict {
    ADMITTED,
    REPLAYED,
    OUT_OF_WINDOW
  }

  private static final String FILE = "replay";
  private final Path folder;
  private final Duration window;
  private final Map<String, Long> last = new HashMap<>();

  private ReplayStore(Path folder, Duration window) {
    this.folder = folder;
    this.window = window;
  }

  /** Opens the store in {@code folder}, reading what an earlier run accepted. */
  static ReplayStore open(Path folder, Duration window) throws IOException {
    Files.createDirectories(folder);
    ReplayStore store = new ReplayStore(folder, window);
    Path file = folder.resolve(FILE);
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
        store.read(line);
      }
    }
    return store;
  }

  /**
   * One line of the file. The file is only ever replaced whole, so a line that cannot be read was
   * written by someone else: refused rather than skipped, since skipping it would forget a guard.
   */
  private void read(String line) throws IOException {
    String[] parts = line.split(" ");
    try {
      if (parts.length != 2) {
        throw new IllegalArgumentException("not two fields");
      }
      String server = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
      last.put(server, Long.parseLong(parts[1]));
    } catch (IllegalArgumentException e) {
      throw new IOException(
          "replay guard " + folder.resolve(FILE) + " unreadable; remove it to start afresh", e);
    }
  }

  /**
   * Admits {@code timestamp} from {@code serverId} at {@code nowMillis}: when it is newer than the
   * last admitted and within the window, it becomes the last, durably, before this returns.
   *
   * @throws IOException when it cannot be stored: then it is not admitted
   */
  synchronized Verdict admit(String serverId, long timestamp, long nowMillis) throws IOException {
    if (Math.abs(timestamp - nowMillis) > window.toMillis()) {
      return Verdict.OUT_OF_WINDOW;
    }
    Long previous = last.get(serverId);
    if (previous != null && timestamp <= previous) {
      return Verdict.REPLAYED;
    }
    last.put(serverId, timestamp);
    try {
      write();
    } catch (IOException e) {
      if (previous == null) {
        last.remove(serverId);
      } else {
        last.put(serverId, previous);
      }
      throw e;
    }
    return Verdict.ADMITTED;
  }

  private void write() throws IOException {
    StringBuilder text = new StringBuilder();
    last.forEach(
        (server, ts) ->
            text.append(
                    Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(server.getBytes(StandardCharsets.UTF_8)))
                .append(' ')
                .append(ts)
                .append('\n'));
    Path next = folder.resolve(FILE + ".new");
    try (FileChannel ch =
        FileChannel.open(
            next,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.US_ASCII));
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    Files.move(next, folder.resolve(FILE), StandardCopyOption.ATOMIC_MOVE);
    try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // Some file systems cannot force a folder; the file itself is forced.
    }
  }
}
