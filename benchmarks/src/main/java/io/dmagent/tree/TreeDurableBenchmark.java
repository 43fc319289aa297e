package io.dmagent.tree;

import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.TreeOperations;
import io.dmagent.api.tree.TreeTransaction;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable writes on a file store, against the disk's own fsync rate measured in the same run and
 * folder: a single Replace (one commit: one change-log frame written and forced), N Replaces in one
 * transaction (one frame for N changes; scores are per change through {@link
 * OperationsPerInvocation}), and the disk's own rate: a 64-byte record overwritten in place and
 * forced with {@code FileChannel.force(true)} (the fsync rate) or {@code force(false)} (the
 * fdatasync rate), and 16 KiB appended and forced, which is what one MVStore commit of a single
 * changed leaf writes (as each Replace did before the change log). Target: Replace throughput at
 * least half the fsync rate.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TreeDurableBenchmark {

  /** The 100,003-node tree on a store file, and a DM server's operations on it. */
  @State(Scope.Benchmark)
  public static class StoredTree {
    private static final NodeValue[] VALUES = new NodeValue[16];

    static {
      for (int i = 0; i < VALUES.length; i++) {
        VALUES[i] = NodeValue.text("2" + i % 10 + "." + i);
      }
    }

    Path file;
    TreeStore store;
    DmTreeService tree;
    TreeOperations server;
    int next;

    @Setup(Level.Trial)
    public void build() throws Exception {
      file = BigTree.newStoreFile("replace");
      store = TreeStore.open(file, System.err::println);
      tree = BigTree.service(store);
      BigTree.build(tree);
      server = tree.operations(BigTree.SERVER);
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
      System.out.printf(
          "%n(store file after the run: %.1f MB)%n", Files.size(file) / (1024.0 * 1024.0));
      store.close();
      BigTree.deleteStore(file);
    }

    /** Replace of the current reading of the next sensor. */
    void replaceNext(TreeOperations ops) throws Exception {
      int n = next++;
      ops.replace(BigTree.currentValue(n % BigTree.SENSORS), VALUES[n & 15]);
    }
  }

  /** A small file in the same folder (same file system) as the store, for the fsync baseline. */
  @State(Scope.Benchmark)
  public static class ForcedFile {
    Path file;
    FileChannel channel;
    final ByteBuffer record = ByteBuffer.allocateDirect(64);
    final ByteBuffer chunk = ByteBuffer.allocateDirect(16 * 1024);
    long counter;

    @Setup(Level.Trial)
    public void open() throws Exception {
      file = BigTree.newStoreFile("fsync").resolveSibling("fsync.dat");
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      channel.write(ByteBuffer.allocate(4096), 0);
      channel.force(true);
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
      channel.close();
      BigTree.deleteStore(file);
    }

    void write(ByteBuffer buffer, long position) throws Exception {
      write(buffer, position, true);
    }

    void write(ByteBuffer buffer, long position, boolean metaData) throws Exception {
      buffer.clear();
      buffer.putLong(0, ++counter);
      while (buffer.hasRemaining()) {
        channel.write(buffer, position + buffer.position());
      }
      channel.force(metaData);
    }
  }

  /** The machine's fsync rate: 64 bytes overwritten in place, then force(true). */
  @Benchmark
  public void fsync(ForcedFile f) throws Exception {
    f.write(f.record, 0);
  }

  /**
   * The same with force(false) (fdatasync), as the tree's change log forces its frames: no inode
   * update to wait for, so possibly faster than {@link #fsync} on the same disk.
   */
  @Benchmark
  public void fdatasync(ForcedFile f) throws Exception {
    f.write(f.record, 0, false);
  }

  /**
   * 16 KiB appended, then force(true): the I/O of one store commit of one changed leaf (MVStore
   * appends a chunk of about 16 KiB, measured with strace, and forces it).
   */
  @Benchmark
  public void fsyncAppend16k(ForcedFile f) throws Exception {
    f.write(f.chunk, f.channel.size());
  }

  /** One Replace by a DM server, durable before it returns. */
  @Benchmark
  public void replace(StoredTree t) throws Exception {
    t.replaceNext(t.server);
  }

  /** Ten Replaces in one transaction; the score counts changes. */
  @Benchmark
  @OperationsPerInvocation(10)
  public void replaceBatch10(StoredTree t) throws Exception {
    batch(t, 10);
  }

  /** A hundred Replaces in one transaction; the score counts changes. */
  @Benchmark
  @OperationsPerInvocation(100)
  public void replaceBatch100(StoredTree t) throws Exception {
    batch(t, 100);
  }

  private static void batch(StoredTree t, int n) throws Exception {
    try (TreeTransaction tx = t.tree.begin(BigTree.SERVER)) {
      for (int i = 0; i < n; i++) {
        t.replaceNext(tx);
      }
      tx.commit();
    }
  }
}
