package io.dmagent.tree;

import io.dmagent.api.tree.NodeResult;
import io.dmagent.api.tree.Principal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Opening a stored 100,003-node tree at start-up: {@code TreeStore.open} and the tree service on
 * it, and the same followed by the first Get of a leaf (nodes are read from the file on first use,
 * so the first Get pays for reading the children of each node on its path). Single shots, each on a
 * fresh copy of the same files; with {@code -Ddmagent.bench.treeFile=FILE} the file is one that
 * another JVM wrote ({@code BigTree build FILE}, or {@code BigTree crash ...} for a store left by a
 * crash, whose change log opening replays), so the first shot of each fork runs tree and MVStore
 * code for the first time, as the agent does at start-up. Target: under 300 ms.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(5)
@State(Scope.Benchmark)
public class TreeOpenBenchmark {
  private Path source;
  private boolean own;
  private Path copy;
  private TreeStore opened;

  @Setup(Level.Trial)
  public void prepare() throws Exception {
    String given = System.getProperty("dmagent.bench.treeFile");
    if (given != null && Files.exists(Path.of(given))) {
      source = Path.of(given);
    } else {
      System.out.println(
          "(no -Ddmagent.bench.treeFile: building the tree in this JVM, warming it)");
      source = BigTree.newStoreFile("open");
      try (TreeStore store = TreeStore.open(source, System.err::println)) {
        BigTree.build(BigTree.service(store));
      }
      own = true;
    }
  }

  /** Every shot opens the same state: a crashed store's log is replayed by each, not the first. */
  @Setup(Level.Invocation)
  public void copy() throws Exception {
    copy = BigTree.newStoreFile("opened");
    BigTree.copyStore(source, copy);
  }

  @TearDown(Level.Invocation)
  public void closeOpened() throws Exception {
    if (opened != null) {
      opened.close();
      opened = null;
    }
    BigTree.deleteStore(copy);
  }

  @TearDown(Level.Trial)
  public void cleanup() throws Exception {
    if (own) {
      BigTree.deleteStore(source);
    }
  }

  @Benchmark
  public DmTreeService open() throws Exception {
    opened = TreeStore.open(copy, System.err::println);
    return BigTree.service(opened);
  }

  @Benchmark
  public NodeResult openAndGet() throws Exception {
    opened = TreeStore.open(copy, System.err::println);
    return BigTree.service(opened)
        .operations(Principal.device())
        .get(BigTree.currentValue(BigTree.SENSORS / 2));
  }
}
