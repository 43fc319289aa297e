package io.dmagent.tree;

import static io.dmagent.tree.Trees.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeResult;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.TreeTransaction;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store file and its change log: what a crash leaves is recovered, torn frames are ignored, the
 * file stays bounded, and files from before the change log still open.
 */
class StoreFileTest {
  /** A change log with room for about 50 single Replaces: checkpoints come often. */
  private static final int SMALL_LOG = 2 * ChangeLog.HEADER_BYTES;

  @TempDir Path dir;

  private Path file() {
    return dir.resolve("tree.mv.db");
  }

  private Trees open(int logBytes) throws IOException {
    return Trees.on(
        TreeStore.open(
            file(),
            m -> {
              throw new AssertionError("unexpected warning: " + m);
            },
            logBytes));
  }

  /** Leaves the store as a crash after the last acknowledged write would, then opens it again. */
  private Trees crashAndReopen(Trees trees, int logBytes) throws IOException {
    trees.store.abandon();
    return open(logBytes);
  }

  /** Every leaf as URI = value, and every interior node as URI/. */
  private static Map<String, String> contents(Trees trees) throws Exception {
    Map<String, String> out = new TreeMap<>();
    for (NodeResult n : trees.device().listStructure(NodeUri.ROOT, true)) {
      if (n.isLeaf()) {
        out.put(n.uri().toString(), n.value().orElseThrow().text());
      } else {
        out.put(n.uri() + "/", String.join(",", n.children()));
      }
    }
    return out;
  }

  @Test
  void acknowledged_writes_are_replayed_from_the_change_log_after_a_crash() throws Exception {
    Trees first = open(TreeStore.DEFAULT_LOG_BYTES);
    first.leaf("./A/x", "1").leaf("./A/y", "2");
    first.device().replace(uri("./A/x"), NodeValue.text("3"));
    first.device().delete(uri("./A/y"));
    try (TreeTransaction tx = first.tree.begin(Principal.device())) {
      tx.addLeaf(uri("./B/p"), NodeValue.text("p"));
      tx.addLeaf(uri("./B/q"), NodeValue.text("q"));
      tx.commit();
    }
    Map<String, String> acknowledged = contents(first);
    Trees second = crashAndReopen(first, TreeStore.DEFAULT_LOG_BYTES);
    assertThat(contents(second)).isEqualTo(acknowledged).containsEntry("./A/x", "3");
    second.tree.close();
  }

  @Test
  void a_torn_last_frame_is_ignored_and_takes_its_whole_atomic_with_it() throws Exception {
    Trees first = open(TreeStore.DEFAULT_LOG_BYTES);
    first.leaf("./A", "1");
    Map<String, String> before = contents(first);
    try (TreeTransaction tx = first.tree.begin(Principal.device())) {
      tx.addLeaf(uri("./B/p"), NodeValue.text("p"));
      tx.addLeaf(uri("./B/q"), NodeValue.text("q"));
      tx.commit();
    }
    first.store.abandon();

    // The root, ./A, then the Atomic: tear the last byte of the third frame, as a power cut would.
    Path log = TreeStore.logFile(file());
    try (FileChannel c = FileChannel.open(log, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long at = ChangeLog.HEADER_BYTES;
      for (int frame = 0; frame < 2; frame++) {
        at += ChangeLog.FRAME_HEADER_BYTES + frameLength(c, at);
      }
      long last = at + ChangeLog.FRAME_HEADER_BYTES + frameLength(c, at) - 1;
      ByteBuffer b = ByteBuffer.allocate(1);
      c.read(b, last);
      c.write(ByteBuffer.wrap(new byte[] {(byte) (b.get(0) ^ 0x5A)}), last);
    }

    Trees second = open(TreeStore.DEFAULT_LOG_BYTES);
    assertThat(contents(second)).isEqualTo(before).doesNotContainKey("./B/");
    // The next write goes where the torn frame was, and survives the next crash.
    second.leaf("./C", "c");
    Trees third = crashAndReopen(second, TreeStore.DEFAULT_LOG_BYTES);
    assertThat(third.value("./C")).isEqualTo("c");
    assertThat(third.device().get(uri(".")).children()).containsExactly("A", "C");
    third.tree.close();
  }

  private static int frameLength(FileChannel c, long at) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(4);
    c.read(b, at);
    return b.getInt(0);
  }

  @Test
  void checkpoints_when_the_log_is_full_keep_every_change_and_the_log_never_grows()
      throws Exception {
    Trees trees = open(SMALL_LOG);
    long logSize = Files.size(TreeStore.logFile(file()));
    for (int i = 0; i < 1_000; i++) {
      String leaf = "./S/k" + i % 20;
      if (i < 20) {
        trees.leaf(leaf, "0");
      } else {
        trees.device().replace(uri(leaf), NodeValue.text(Integer.toString(i)));
      }
    }
    Map<String, String> acknowledged = contents(trees);
    assertThat(Files.size(TreeStore.logFile(file()))).isEqualTo(logSize);
    Trees reopened = crashAndReopen(trees, SMALL_LOG);
    assertThat(contents(reopened)).isEqualTo(acknowledged).containsEntry("./S/k19", "999");
    reopened.tree.close();
  }

  @Test
  void a_change_set_larger_than_the_log_is_written_straight_to_the_store_file() throws Exception {
    Trees trees = open(SMALL_LOG);
    try (TreeTransaction tx = trees.tree.begin(Principal.device())) {
      for (int i = 0; i < 500; i++) {
        tx.addLeaf(uri("./Big/n" + i), NodeValue.text("value " + i));
      }
      tx.commit();
    }
    trees.leaf("./After", "a");
    Map<String, String> acknowledged = contents(trees);
    Trees reopened = crashAndReopen(trees, SMALL_LOG);
    assertThat(contents(reopened)).isEqualTo(acknowledged).containsEntry("./Big/n499", "value 499");
    reopened.tree.close();
  }

  @Test
  void file_stays_bounded_under_steady_replaces() throws Exception {
    Trees trees = open(SMALL_LOG);
    for (int i = 0; i < 200; i++) {
      trees.leaf("./Sensors/S" + i / 10 + "/V" + i % 10, "0");
    }
    long largest = 0;
    // About 200 checkpoints of the store file, each after some 50 changes in the log.
    for (int i = 0; i < 10_000; i++) {
      int s = i * 7 % 200;
      trees.device().replace(uri("./Sensors/S" + s / 10 + "/V" + s % 10), NodeValue.text("" + i));
      largest = Math.max(largest, Files.size(file()));
    }
    // The live data is some 20 KB; a chunk appended per checkpoint and never reused would pass
    // 1 MB after a few dozen checkpoints.
    assertThat(largest).isLessThan(256 * 1024);
    trees.tree.close();
    assertThat(Files.size(file())).isLessThan(128 * 1024);
    assertThat(Files.size(TreeStore.logFile(file()))).isEqualTo(SMALL_LOG);
  }

  @Test
  void nodes_read_lazily_from_the_file_and_changes_since_the_checkpoint_agree() throws Exception {
    Trees first = open(TreeStore.DEFAULT_LOG_BYTES);
    for (int a = 0; a < 5; a++) {
      for (int b = 0; b < 5; b++) {
        first.leaf("./T/A" + a + "/B" + b + "/x", a + "." + b);
        first.leaf("./T/A" + a + "/B" + b + "/y", "y");
      }
    }
    first.acl("./T/A3", "Get=srv1&Replace=srv1");
    first.tree.close();

    // Changes deep in a tree of which nothing has been read yet.
    Trees second = open(TreeStore.DEFAULT_LOG_BYTES);
    second.device().replace(uri("./T/A2/B2/x"), NodeValue.text("changed"));
    second.device().delete(uri("./T/A4"));
    second.leaf("./T/A1/B9/z", "new");
    second.device().addInterior(uri("./T/A4"), null);
    assertThat(second.server("srv1").get(uri("./T/A3/B1/x")).value().orElseThrow().text())
        .isEqualTo("3.1");
    Map<String, String> expected = contents(second);
    assertThat(expected)
        .containsEntry("./T/A2/B2/x", "changed")
        .containsEntry("./T/A1/B9/z", "new")
        .containsEntry("./T/A4/", "")
        .containsEntry("./T/A1/", "B0,B1,B2,B3,B4,B9")
        .hasSize(1 + 1 + 5 + 25 * 3 - 5 * 3 + 2);
    Trees third = crashAndReopen(second, TreeStore.DEFAULT_LOG_BYTES);
    assertThat(contents(third)).isEqualTo(expected);
    third.tree.close();
    Trees fourth = open(TreeStore.DEFAULT_LOG_BYTES);
    assertThat(contents(fourth)).isEqualTo(expected);
    fourth.tree.close();
  }

  /**
   * A store file in the first layout: the map {@code nodes} from path key ({@code NUL name} per
   * segment) to encoded record, with ./Old (an MO instance) and ./Old/v.
   */
  private MVStore firstLayout() {
    MVStore old = new MVStore.Builder().fileName(file().toString()).autoCommitDisabled().open();
    MVMap<String, byte[]> nodes = old.openMap("nodes");
    nodes.put("", NodeRecord.interior("", TreeEngine.DEFAULT_ROOT_ACL, 1).encode());
    nodes.put("\0Old", NodeRecord.interior("urn:x:old", "Get=*", 1).encode());
    byte[] v = "kept".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    nodes.put("\0Old\0v", NodeRecord.leaf(NodeFormat.CHR, "text/plain", v, "", 1).encode());
    old.<String, String>openMap("mo-index").put("urn:x:old\0\0Old", "");
    return old;
  }

  @Test
  void a_store_file_of_the_first_layout_is_migrated_with_all_its_nodes() throws Exception {
    MVStore old = firstLayout();
    old.commit();
    old.close();

    Trees trees = open(TreeStore.DEFAULT_LOG_BYTES);
    assertThat(trees.value("./Old/v")).isEqualTo("kept");
    assertThat(trees.device().locate(NodeUri.ROOT, "urn:x:old")).containsExactly(uri("./Old"));
    trees.leaf("./Old/w", "new");
    trees.tree.close();

    MVStore migrated = new MVStore.Builder().fileName(file().toString()).readOnly().open();
    assertThat(migrated.getMapNames()).contains("tree").doesNotContain("nodes");
    migrated.close();
    Trees reopened = open(TreeStore.DEFAULT_LOG_BYTES);
    assertThat(reopened.device().get(uri("./Old")).children()).containsExactly("v", "w");
    reopened.tree.close();
  }

  @Test
  void a_store_file_of_the_first_layout_with_a_change_log_is_migrated_and_the_log_replayed()
      throws Exception {
    // As the first change-log version left it after a crash: the first layout, which frame the
    // file includes, and a frame beyond that in the log (frames hold path keys in both layouts).
    MVStore old = firstLayout();
    old.<String, Long>openMap("log").put("store-id", 77L);
    old.<String, Long>openMap("log").put("applied", 4L);
    old.commit();
    old.close();
    byte[] w = NodeRecord.leaf(NodeFormat.CHR, "text/plain", new byte[] {'w'}, "", 2).encode();
    Map<String, byte[]> frame = new java.util.LinkedHashMap<>();
    frame.put("\0Old\0w", w);
    frame.put("\0Old\0v", null);
    ByteSink body = new ByteSink(64);
    new ChangeSet(frame, List.of()).encode(body);
    try (ChangeLog log = ChangeLog.create(TreeStore.logFile(file()), 77L, SMALL_LOG)) {
      log.append(5, body.array(), body.size());
    }

    Trees trees = open(TreeStore.DEFAULT_LOG_BYTES);
    assertThat(trees.device().get(uri("./Old")).children()).containsExactly("w");
    assertThat(trees.value("./Old/w")).isEqualTo("w");
    trees.tree.close();
  }

  @Test
  void a_store_in_use_by_another_process_is_refused_not_moved_aside() throws Exception {
    Trees first = open(TreeStore.DEFAULT_LOG_BYTES);
    first.leaf("./A", "1");

    assertThatThrownBy(() -> TreeStore.open(file(), m -> {}))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("in use");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("corrupt"));
    }
    first.tree.close();
  }

  @Test
  void a_change_log_left_from_another_store_file_is_kept_aside_and_reported() throws Exception {
    Trees first = open(TreeStore.DEFAULT_LOG_BYTES);
    first.leaf("./A", "1");
    first.store.abandon();
    Files.delete(file());
    List<String> warnings = new CopyOnWriteArrayList<>();

    Trees second = Trees.on(TreeStore.open(file(), warnings::add));

    assertThat(warnings).singleElement().asString().contains("belongs to another store file");
    assertThat(second.device().get(uri(".")).children()).isEmpty();
    second.tree.close();
  }

  /** The files this JVM holds open (Linux: the links in /proc/self/fd). */
  private static List<Path> openFiles() throws IOException {
    List<Path> out = new java.util.ArrayList<>();
    try (var fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : fds.toList()) {
        try {
          out.add(Files.readSymbolicLink(fd));
        } catch (IOException gone) {
          // closed meanwhile (the listing's own descriptor)
        }
      }
    }
    return out;
  }

  @Test
  void a_store_whose_log_cannot_be_replayed_is_kept_aside_without_leaving_a_file_open()
      throws Exception {
    Trees first = open(TreeStore.DEFAULT_LOG_BYTES);
    first.leaf("./A", "1");
    first.store.abandon();
    // Frame 1 replaced by a whole frame (its CRC right) whose change set cannot be read.
    ByteBuffer frame = ByteBuffer.allocate(ChangeLog.FRAME_HEADER_BYTES + 4);
    frame.putInt(4).putLong(1).putInt(0).putInt(1);
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(frame.array(), 0, 12);
    crc.update(frame.array(), ChangeLog.FRAME_HEADER_BYTES, 4);
    frame.putInt(12, (int) crc.getValue()).clear();
    Path log = TreeStore.logFile(file());
    try (FileChannel c = FileChannel.open(log, StandardOpenOption.WRITE)) {
      c.write(frame, ChangeLog.HEADER_BYTES);
    }
    List<String> warnings = new CopyOnWriteArrayList<>();

    Trees second = Trees.on(TreeStore.open(file(), warnings::add));

    assertThat(warnings).singleElement().asString().contains("kept aside");
    Path folder = dir.toRealPath();
    assertThat(openFiles())
        .filteredOn(p -> p.startsWith(folder))
        .extracting(p -> p.getFileName().toString())
        .noneMatch(n -> n.contains("corrupt"));
    second.tree.close();
  }

  @Test
  void a_damaged_frame_followed_by_whole_ones_is_reported_and_the_log_kept() throws Exception {
    Trees first = open(TreeStore.DEFAULT_LOG_BYTES);
    first.leaf("./A", "1");
    first.leaf("./B", "2");
    first.leaf("./C", "3");
    first.store.abandon();
    Path log = TreeStore.logFile(file());
    byte[] before = Files.readAllBytes(log);
    // A bit of frame 2 (./A, after the root's frame 1) flips on the medium.
    int second =
        ChangeLog.HEADER_BYTES
            + ChangeLog.FRAME_HEADER_BYTES
            + ByteBuffer.wrap(before).getInt(ChangeLog.HEADER_BYTES);
    byte[] damaged = before.clone();
    damaged[second + ChangeLog.FRAME_HEADER_BYTES + 2] ^= 1;
    Files.write(log, damaged);
    List<String> warnings = new CopyOnWriteArrayList<>();

    Trees reopened = Trees.on(TreeStore.open(file(), warnings::add));

    assertThat(warnings).singleElement().asString().contains("damaged").contains("kept as");
    Path copy = Path.of(warnings.get(0).substring(warnings.get(0).lastIndexOf("kept as ") + 8));
    assertThat(Files.readAllBytes(copy)).isEqualTo(damaged);
    assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(copy)))
        .isEqualTo("rw-------");
    reopened.tree.close();
  }

  @Test
  void a_torn_last_frame_is_dropped_without_a_warning() throws Exception {
    Trees first = open(TreeStore.DEFAULT_LOG_BYTES);
    first.leaf("./A", "1");
    first.store.abandon();
    Path log = TreeStore.logFile(file());
    byte[] bytes = Files.readAllBytes(log);
    int second =
        ChangeLog.HEADER_BYTES
            + ChangeLog.FRAME_HEADER_BYTES
            + ByteBuffer.wrap(bytes).getInt(ChangeLog.HEADER_BYTES);
    bytes[second + ChangeLog.FRAME_HEADER_BYTES + 2] ^= 1;
    Files.write(log, bytes);

    Trees reopened = open(TreeStore.DEFAULT_LOG_BYTES); // fails on any warning
    assertThat(reopened.device().get(uri(".")).children()).isEmpty();
    reopened.tree.close();
  }
}
