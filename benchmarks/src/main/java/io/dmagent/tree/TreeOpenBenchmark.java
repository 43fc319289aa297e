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
 * so the first Get pays for reading the children of each node on its path). Single shots; with
 * {@code -Ddmagent.bench.treeFile=FILE} the file is one that another JVM wrote ({@code BigTree
 * build FILE}), so the first shot of each fork runs tree and MVStore code for the first time, as
 * the agent does at start-up. Target: under 300 ms.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(5)
@State(Scope.Benchmark)
public class TreeOpenBenchmark {
  private Path file;
  private boolean own;
  private TreeStore opened;

  @Setup(Level.Trial)
  public void prepare() throws Exception {
    String given = System.getProperty("dmagent.bench.treeFile");
    if (given != null && Files.exists(Path.of(given))) {
      file = Path.of(given);
    } else {
      System.out.println(
          "(no -Ddmagent.bench.treeFile: building the tree in this JVM, warming it)");
      file = BigTree.newStoreFile("open");
      try (TreeStore store = TreeStore.open(file, System.err::println)) {
        BigTree.build(BigTree.service(store));
      }
      own = true;
    }
  }

  @TearDown(Level.Invocation)
  public void closeOpened() {
    if (opened != null) {
      opened.close();
      opened = null;
    }
  }

  @TearDown(Level.Trial)
  public void cleanup() throws Exception {
    if (own) {
      BigTree.deleteStore(file);
    }
  }

  @Benchmark
  public DmTreeService open() throws Exception {
    opened = TreeStore.open(file, System.err::println);
    return BigTree.service(opened);
  }

  @Benchmark
  public NodeResult openAndGet() throws Exception {
    opened = TreeStore.open(file, System.err::println);
    return BigTree.service(opened)
        .operations(Principal.device())
        .get(BigTree.currentValue(BigTree.SENSORS / 2));
  }
}
