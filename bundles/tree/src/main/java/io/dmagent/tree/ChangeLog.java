package io.dmagent.tree;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The change log: what makes a commit durable between two checkpoints of the store file. A file of
 * fixed size, written full of zeros once, then overwritten in place: each commit is one frame
 * ({@code length, sequence number, CRC-32C, change set}) written after the previous one and forced
 * with {@code force(false)} before the commit is acknowledged. Because the file never changes size
 * and its blocks are already allocated, forcing it flushes the frame's data block and nothing else;
 * appending a chunk to the store file, as MVStore does per commit, also writes inode and journal
 * blocks and a dozen KB of B-tree pages.
 *
 * <p>After a checkpoint (the store file now holds everything up to frame n) the frames written are
 * overwritten with zeros and forced, and frames start again at the beginning, numbered from n + 1.
 * Replay starts at the beginning and takes frames as long as each is whole (its CRC matches) and
 * numbered one more than the last: a frame from before the checkpoint has a lower number, a torn
 * last frame fails its CRC, so replay stops exactly after the last complete frame, and a change set
 * (an Atomic) is replayed whole or not at all. Whatever lies after that point (a torn frame) is
 * zeroed before the next frame is written there. So the log never holds bytes of an older frame
 * beyond the last valid one: a frame body carries leaf values a server chose, and a frame forged
 * inside one must never be where the next frame is looked for.
 */
final class ChangeLog implements AutoCloseable {
  /** Frames start here; the header keeps a block of its own so that no frame write can tear it. */
  static final int HEADER_BYTES = 4096;

  static final int FRAME_HEADER_BYTES = 16;
  private static final long MAGIC = 0x444d54524545_4c47L; // "DMTREELG"
  private static final int VERSION = 1;

  private final FileChannel channel;
  private final long capacity;
  private final long storeId;
  private long position = HEADER_BYTES;
  // Everything from here on is zeros on disk (as far as this log wrote it).
  private long written = HEADER_BYTES;
  private boolean damaged;

  private ChangeLog(FileChannel channel, long capacity, long storeId) {
    this.channel = channel;
    this.capacity = capacity;
    this.storeId = storeId;
  }

  /** Creates a log of {@code capacity} bytes for the store {@code storeId}, replacing any file. */
  static ChangeLog create(Path file, long storeId, int capacity) throws IOException {
    if (capacity < HEADER_BYTES * 2) {
      throw new IllegalArgumentException("a change log needs at least " + HEADER_BYTES * 2 + " B");
    }
    Path fresh = file.resolveSibling(file.getFileName() + ".new");
    try (FileChannel c =
        FileChannel.open(
            fresh,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
      header.putLong(MAGIC).putInt(VERSION).putInt(capacity).putLong(storeId);
      header.putInt(crc(header.array(), 0, 24));
      header.clear();
      writeFully(c, header, 0);
      // Real zeros, not a sparse or fallocated file: every block is allocated and written now, so
      // that forcing a frame later has no allocation to record.
      ByteBuffer zeros = ByteBuffer.allocate(64 * 1024);
      for (long at = HEADER_BYTES; at < capacity; at += zeros.capacity()) {
        zeros.clear().limit((int) Math.min(zeros.capacity(), capacity - at));
        writeFully(c, zeros, at);
      }
      c.force(true);
    }
    Files.move(fresh, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    forceDirectory(file.toAbsolutePath().getParent());
    return open(file);
  }

  /** Opens an existing log; throws {@link IllegalStateException} if its header is not valid. */
  static ChangeLog open(Path file) throws IOException {
    FileChannel c = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      ByteBuffer header = ByteBuffer.allocate(28);
      readFully(c, header, 0);
      header.flip();
      long magic = header.getLong();
      int version = header.getInt();
      int capacity = header.getInt();
      long storeId = header.getLong();
      int crc = header.getInt();
      if (magic != MAGIC
          || crc != crc(header.array(), 0, 24)
          || version != VERSION
          || c.size() < capacity) {
        throw new IllegalStateException("not a change log, or a damaged one");
      }
      return new ChangeLog(c, capacity, storeId);
    } catch (IOException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  long storeId() {
    return storeId;
  }

  long capacity() {
    return capacity;
  }

  interface FrameSink {
    void frame(long seq, byte[] body) throws IOException;
  }

  /**
   * Hands over, in order, the frames numbered from {@code applied + 1} on, up to the first frame
   * that is missing, torn or stale; the next {@link #append} goes right after the last one. Returns
   * the number of the last frame handed over ({@code applied} if none). What follows the last frame
   * handed over is left as it is until {@link #clearTail}; {@link #damaged} tells whether a whole
   * later frame lies there.
   */
  long replay(long applied, FrameSink sink) throws IOException {
    // The whole log in one read: it is small, and a read per frame would cost a system call each.
    ByteBuffer all = ByteBuffer.allocate((int) capacity);
    readFully(channel, all, 0);
    byte[] bytes = all.array();
    long expected = applied + 1;
    int at = HEADER_BYTES;
    while (validFrame(all, at, expected)) {
      int length = all.getInt(at);
      byte[] body = new byte[length];
      System.arraycopy(bytes, at + FRAME_HEADER_BYTES, body, 0, length);
      sink.frame(seq(all, at), body);
      at += FRAME_HEADER_BYTES + length;
      expected++;
    }
    position = at;
    int end = (int) capacity;
    while (end > at && bytes[end - 1] == 0) {
      end--;
    }
    written = end;
    // A torn last frame leaves no whole frame after it. One numbered after the last frame handed
    // over means a frame in between was damaged afterwards, and acknowledged changes are lost.
    damaged = false;
    for (int p = at + 1; p + FRAME_HEADER_BYTES <= end && !damaged; p++) {
      damaged = seq(all, p) > expected - 1 && validFrame(all, p, seq(all, p));
    }
    return expected - 1;
  }

  private boolean validFrame(ByteBuffer all, int at, long expectedSeq) {
    if (at + FRAME_HEADER_BYTES > capacity) {
      return false;
    }
    int length = all.getInt(at);
    return seq(all, at) == expectedSeq
        && length >= 0
        && at + FRAME_HEADER_BYTES + (long) length <= capacity
        && all.getInt(at + 12) == frameCrc(all.array(), at, length);
  }

  private static long seq(ByteBuffer all, int at) {
    return all.getLong(at + 4);
  }

  /**
   * Whether the last {@link #replay} stopped at a damaged frame with whole frames after it, rather
   * than at the end of the log or a torn last frame.
   */
  boolean damaged() {
    return damaged;
  }

  /**
   * After replay: overwrites what follows the last valid frame (a torn frame, a damaged part) with
   * zeros, so that nothing of it is ever read as a frame. After a clean close the log is zeros
   * already: nothing to write.
   */
  void clearTail() throws IOException {
    zero(position, written);
  }

  /** Whether a change set of {@code bodyBytes} fits after the frames written so far. */
  boolean fits(int bodyBytes) {
    return position + FRAME_HEADER_BYTES + (long) bodyBytes <= capacity;
  }

  /** Whether no frame has been written since the last restart. */
  boolean isEmpty() {
    return position == HEADER_BYTES;
  }

  /**
   * Writes frame {@code seq} holding {@code body[0, length)} after the last one and forces it to
   * the disk. Only when this returns is the change set durable.
   */
  void append(long seq, byte[] body, int length) throws IOException {
    if (!fits(length)) {
      throw new IllegalStateException("change log full");
    }
    byte[] frame = new byte[FRAME_HEADER_BYTES + length];
    System.arraycopy(body, 0, frame, FRAME_HEADER_BYTES, length);
    ByteBuffer b = ByteBuffer.wrap(frame);
    b.putInt(0, length).putLong(4, seq);
    b.putInt(12, frameCrc(frame, 0, length));
    written = Math.max(written, position + frame.length);
    writeFully(channel, b, position);
    channel.force(false);
    position += frame.length;
  }

  /**
   * After a checkpoint (the store file holds every frame, forced): the frames are overwritten with
   * zeros, and the next frame goes to the beginning again. If zeroing fails, the next frame still
   * goes to the beginning (the frames there are older than the checkpoint) and the next restart
   * zeroes again.
   */
  void restart() throws IOException {
    position = HEADER_BYTES;
    zero(HEADER_BYTES, written);
  }

  /** Overwrites {@code [from, to)} with zeros and forces it; from then on it holds no frame. */
  private void zero(long from, long to) throws IOException {
    if (to <= from) {
      written = Math.min(written, from);
      return;
    }
    ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(64 * 1024, to - from));
    for (long at = from; at < to; at += zeros.capacity()) {
      zeros.clear().limit((int) Math.min(zeros.capacity(), to - at));
      writeFully(channel, zeros, at);
    }
    channel.force(false);
    written = from;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  /**
   * CRC-32C of the frame at {@code at}: its length, number and body (all but the CRC field itself).
   */
  private static int frameCrc(byte[] b, int at, int length) {
    CRC32C crc = new CRC32C();
    crc.update(b, at, 12);
    crc.update(b, at + FRAME_HEADER_BYTES, length);
    return (int) crc.getValue();
  }

  private static int crc(byte[] b, int from, int length) {
    CRC32C crc = new CRC32C();
    crc.update(b, from, length);
    return (int) crc.getValue();
  }

  private static void writeFully(FileChannel c, ByteBuffer b, long at) throws IOException {
    while (b.hasRemaining()) {
      at += c.write(b, at);
    }
  }

  private static void readFully(FileChannel c, ByteBuffer b, long at) throws IOException {
    while (b.hasRemaining()) {
      int n = c.read(b, at);
      if (n < 0) {
        break;
      }
      at += n;
    }
  }

  /** Makes a new file's name durable (Linux: fsync of the directory). */
  static void forceDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // Some platforms cannot open a directory; the file's data is forced regardless.
    }
  }
}
