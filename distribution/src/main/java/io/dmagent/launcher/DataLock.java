package io.dmagent.launcher;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One agent per data folder: an exclusive lock on {@code data/lock}, held as long as the JVM runs
 * (the operating system releases it when the process ends, however it ends), with the holder's pid
 * in the file. A second agent on the same folder must not start: its framework would wipe the
 * running one's cache under it.
 */
final class DataLock {
  static final String FILE = "lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Refused: another process holds the folder. */
  static final class HeldException extends IOException {
    private static final long serialVersionUID = 1L;

    HeldException(String message) {
      super(message);
    }
  }

  /**
   * Takes the lock of {@code data}, or fails naming the holder.
   *
   * @throws HeldException when another agent holds it
   */
  static DataLock take(Path data) throws IOException {
    Files.createDirectories(data);
    Path file = data.resolve(FILE);
    FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException sameJvm) {
      lock = null;
    }
    if (lock == null) {
      String holder = holder(channel);
      channel.close();
      throw new HeldException(
          "another agent"
              + (holder.isEmpty() ? "" : " (pid " + holder + ")")
              + " is running on "
              + data);
    }
    channel.truncate(0);
    channel.write(
        ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
        0);
    channel.force(false);
    return new DataLock(channel, lock);
  }

  private static String holder(FileChannel channel) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(32);
    channel.read(buf, 0);
    return new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).strip();
  }

  /** Gives the folder up (the process's end does it too). */
  void release() throws IOException {
    lock.release();
    channel.close();
  }
}
