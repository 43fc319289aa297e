package io.dmagent.tree;

import io.dmagent.api.tree.NodeResult;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.TreeOperations;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Get of one leaf of the 100,003-node {@link BigTree}, in process, through {@code
 * DmTree.operations(principal).get(uri)}: as the device (no ACL check) and as a DM server (the ACL
 * inherited from ./Vendor/Sensors is looked up and checked). Each call reads another leaf, drawn
 * uniformly from all 91,000, so the figure is not that of one hot cache line. Target: median under
 * 1 µs.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class TreeGetBenchmark {
  private static final int URIS = 1 << 16;

  @Param({"memory", "file"})
  public String store;

  private Path file;
  private TreeStore treeStore;
  private TreeOperations device;
  private TreeOperations server;
  private NodeUri[] uris;
  private int next;

  @Setup(Level.Trial)
  public void build() throws Exception {
    file = store.equals("file") ? BigTree.newStoreFile("get") : null;
    treeStore = TreeStores.open(store, file);
    DmTreeService tree = BigTree.service(treeStore);
    BigTree.build(tree);
    device = tree.operations(Principal.device());
    server = tree.operations(BigTree.SERVER);
    uris = BigTree.randomLeaves(URIS);
  }

  @TearDown(Level.Trial)
  public void close() throws Exception {
    treeStore.close();
    BigTree.deleteStore(file);
  }

  private NodeUri nextUri() {
    return uris[next++ & (URIS - 1)];
  }

  @Benchmark
  public NodeResult getAsDevice() throws Exception {
    return device.get(nextUri());
  }

  @Benchmark
  public NodeResult getAsServer() throws Exception {
    return server.get(nextUri());
  }
}
