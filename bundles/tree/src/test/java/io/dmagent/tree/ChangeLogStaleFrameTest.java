package io.dmagent.tree;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeUri;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bytes a server wrote into a leaf value end up in the change log inside a frame's body. Once that
 * frame is stale (a checkpoint passed, or it was torn), nothing of it may ever be read as a frame
 * of a later generation, even where the new frames end exactly on a frame forged in the value.
 */
class ChangeLogStaleFrameTest {
  private static final int LOG_BYTES = 2 * ChangeLog.HEADER_BYTES;
  private static final NodeUri EVIL = NodeUri.of("./evil");

  @TempDir Path dir;

  private Path file() {
    return dir.resolve("tree.mv.db");
  }

  private TreeStore open() throws IOException {
    return TreeStore.open(
        file(),
        m -> {
          throw new AssertionError("unexpected warning: " + m);
        },
        LOG_BYTES);
  }

  private static NodeRecord leaf(byte[] value) {
    return NodeRecord.leaf(NodeFormat.CHR, "", value, "", 1L);
  }

  private static byte[] body(ChangeSet set) {
    ByteSink sink = new ByteSink(256);
    set.encode(sink);
    return Arrays.copyOf(sink.array(), sink.size());
  }

  /** A whole, valid frame numbered {@code seq} that would create {@link #EVIL}. */
  private static byte[] forgedFrame(long seq) {
    byte[] body =
        body(
            new ChangeSet(Map.of(TreeStore.key(EVIL), leaf(new byte[] {'x'}).encode()), List.of()));
    ByteBuffer frame = ByteBuffer.allocate(ChangeLog.FRAME_HEADER_BYTES + body.length);
    frame.putInt(body.length).putLong(seq).putInt(0).put(body);
    CRC32C crc = new CRC32C();
    crc.update(frame.array(), 0, 12);
    crc.update(body);
    frame.putInt(12, (int) crc.getValue());
    return frame.array();
  }

  /** A value of 200 filler bytes followed by a frame numbered {@code seq}. */
  private static byte[] carrier(long seq) {
    byte[] forged = forgedFrame(seq);
    byte[] value = new byte[200 + forged.length];
    Arrays.fill(value, 0, 200, (byte) 'p');
    System.arraycopy(forged, 0, value, 200, forged.length);
    return value;
  }

  /** Where the forged frame lies in the log file. */
  private int forgedAt(long seq) throws IOException {
    byte[] log = Files.readAllBytes(TreeStore.logFile(file()));
    byte[] forged = forgedFrame(seq);
    for (int at = ChangeLog.HEADER_BYTES; at + forged.length <= log.length; at++) {
      if (Arrays.equals(log, at, at + forged.length, forged, 0, forged.length)) {
        return at;
      }
    }
    throw new AssertionError("forged frame not in the log");
  }

  /** Commits a leaf whose frame ends exactly at {@code end}, starting at the log's beginning. */
  private static void commitFrameEndingAt(TreeStore store, int end) {
    NodeUri pad = NodeUri.of("./pad");
    int empty =
        ChangeLog.FRAME_HEADER_BYTES
            + body(new ChangeSet(Map.of(TreeStore.key(pad), leaf(new byte[0]).encode()), List.of()))
                .length;
    int valueBytes = end - ChangeLog.HEADER_BYTES - empty;
    assertThat(valueBytes).isPositive();
    byte[] value = new byte[valueBytes];
    Arrays.fill(value, (byte) 'q');
    store.commit(Map.of(pad, leaf(value)));
  }

  @Test
  void a_frame_forged_in_a_value_of_the_previous_log_generation_is_not_replayed() throws Exception {
    TreeStore store = open();
    store.commit(Map.of(NodeUri.ROOT, NodeRecord.interior("", "", 1L))); // frame 1
    store.checkpoint();
    store.commit(Map.of(NodeUri.of("./carrier"), leaf(carrier(4)))); // frame 2
    int forged = forgedAt(4);
    store.checkpoint(); // frame 2 is now stale; the log starts over
    commitFrameEndingAt(store, forged); // frame 3 ends where the forged frame 4 begins
    store.abandon(); // a crash

    TreeStore reopened = open();
    try {
      assertThat(reopened.record(NodeUri.of("./pad"))).isNotNull();
      assertThat(reopened.record(EVIL)).isNull();
    } finally {
      reopened.close();
    }
  }

  @Test
  void a_frame_forged_in_a_value_of_a_torn_frame_is_not_replayed() throws Exception {
    TreeStore store = open();
    store.commit(Map.of(NodeUri.ROOT, NodeRecord.interior("", "", 1L))); // frame 1
    store.checkpoint();
    store.commit(Map.of(NodeUri.of("./carrier"), leaf(carrier(3)))); // frame 2
    int forged = forgedAt(3);
    store.abandon();
    // Power cut during frame 2: its first bytes never reached the disk.
    try (FileChannel c = FileChannel.open(TreeStore.logFile(file()), StandardOpenOption.WRITE)) {
      c.write(ByteBuffer.allocate(ChangeLog.FRAME_HEADER_BYTES), ChangeLog.HEADER_BYTES);
    }

    // The forged frame, whole after a torn one, may be reported as a damaged log; never replayed.
    TreeStore second = TreeStore.open(file(), m -> {}, LOG_BYTES);
    assertThat(second.record(EVIL)).isNull();
    assertThat(second.record(NodeUri.of("./carrier"))).isNull();
    commitFrameEndingAt(second, forged); // frame 2 again, ending where the forged frame 3 begins
    second.abandon();

    TreeStore third = open();
    try {
      assertThat(third.record(NodeUri.of("./pad"))).isNotNull();
      assertThat(third.record(EVIL)).isNull();
    } finally {
      third.close();
    }
  }

  @Test
  void after_a_checkpoint_the_log_holds_nothing_of_the_frames_it_includes() throws Exception {
    TreeStore store = open();
    store.commit(Map.of(NodeUri.ROOT, NodeRecord.interior("", "", 1L)));
    store.commit(Map.of(NodeUri.of("./secret"), leaf("hunter2".getBytes(StandardCharsets.UTF_8))));
    store.close();

    byte[] log = Files.readAllBytes(TreeStore.logFile(file()));
    for (int at = ChangeLog.HEADER_BYTES; at < log.length; at++) {
      assertThat(log[at]).as("byte %d of the log", at).isZero();
    }
  }
}
